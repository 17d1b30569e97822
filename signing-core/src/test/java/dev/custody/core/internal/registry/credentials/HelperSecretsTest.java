package dev.custody.core.internal.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.CustodyException.Reason;
import dev.custody.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing credential helper's output is quoted in the error only when it cannot be a secret. */
class HelperSecretsTest {
  @TempDir Path dir;

  private StoreException failure(String script) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path exe = bin.resolve("docker-credential-test");
    Files.writeString(exe, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
    CredentialHelpers helpers = new CredentialHelpers(List.of(bin), Duration.ofSeconds(10));
    return assertThrows(StoreException.class, () -> helpers.get("test", "registry.example.com"));
  }

  @Test
  void helperPrintingItsAnswerThenFailing_hasTheOutputWithheld() throws Exception {
    StoreException e = failure("echo '{\"Username\":\"u\",\"Secret\":\"hunter2-SECRET\"}'; exit 1\n");
    assertEquals(Reason.UNAUTHORIZED, e.reason());
    assertEquals(
        "get credentials for registry.example.com from docker-credential-test: exited with status 1"
            + " (output withheld: it may hold a secret)",
        e.getMessage());
  }

  @Test
  void helperFailingWithAPlainMessage_isQuoted() throws Exception {
    StoreException e = failure("echo 'keychain locked'; exit 3\n");
    assertEquals(
        "get credentials for registry.example.com from docker-credential-test: exited with status 3"
            + " (keychain locked)",
        e.getMessage());
  }
}
