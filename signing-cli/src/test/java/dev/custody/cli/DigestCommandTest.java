package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import org.junit.jupiter.api.Test;

/** What the CLI layer decides for {@code digest}: output formats, option placement, failures. */
class DigestCommandTest {
  private static final Descriptor MANIFEST =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

  @Test
  void digest_text_printsDigestOnly() {
    CliRun run = CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "digest", "oci:/tmp/layout:v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(MANIFEST.digest() + System.lineSeparator(), run.out());
    assertEquals("", run.err());
  }

  @Test
  void digest_resolvesTheReferencesTagOnce() {
    FakeStore store = FakeStore.returning(MANIFEST);

    CliRun run = CliRun.with(store::custody, "digest", "oci:/tmp/layout:v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(java.util.List.of("v1"), store.resolved);
  }

  @Test
  void digest_jsonAfterCommand_printsDocument() {
    CliRun run =
        CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "digest", "--output", "json", "oci:/tmp/l:v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        "{\"image\":\"oci:/tmp/l:v1\",\"digest\":\"" + MANIFEST.digest()
            + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":"
            + MANIFEST.size() + "}" + System.lineSeparator(),
        run.out());
  }

  @Test
  void digest_jsonBeforeCommand_sameDocument() {
    CliRun before =
        CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "--output", "json", "digest", "oci:/tmp/l:v1");
    CliRun after =
        CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "digest", "oci:/tmp/l:v1", "--output=json");

    assertEquals(0, before.exitCode(), before.toString());
    assertTrue(before.out().startsWith("{\"image\":"), before.toString());
    assertEquals(before.out(), after.out());
  }

  @Test
  void digest_registryReference_printsNormalisedImageInJson() {
    CliRun run =
        CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "--output", "json", "digest", "ubuntu");

    assertTrue(run.out().contains("\"image\":\"docker.io/library/ubuntu:latest\""), run.toString());
  }

  @Test
  void digest_malformedReference_usageError2NamingTheInput() {
    CliRun run = CliRun.with(() -> FakeStore.returning(MANIFEST).custody(), "digest", "Bad Name!");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Bad Name!"), run.toString());
    assertTrue(run.err().contains("expected HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR"), run.toString());
  }

  @Test
  void digest_notFound_exit3WithMessageAndHint() {
    StoreException missing =
        new StoreException(Reason.NOT_FOUND, "resolve oci:/tmp/l:v9: tag v9 not found", null);

    CliRun run = CliRun.with(() -> FakeStore.throwing(missing).custody(), "digest", "oci:/tmp/l:v9");

    assertEquals(3, run.exitCode(), run.toString());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("custody: resolve oci:/tmp/l:v9: tag v9 not found"), run.toString());
    assertTrue(run.err().contains("hint: check the reference"), run.toString());
  }

  @Test
  void digest_unauthorized_exit3TellsHowToLogIn() {
    StoreException refused =
        new StoreException(Reason.UNAUTHORIZED, "resolve r.example/app:v1: 401 unauthorized", null, 401, "UNAUTHORIZED");

    CliRun run = CliRun.with(() -> FakeStore.throwing(refused).custody(), "digest", "r.example/app:v1");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("docker login"), run.toString());
  }

  @Test
  void digest_unexpectedRuntimeException_exit4AsksForABugReport() {
    CliRun run =
        CliRun.with(() -> FakeStore.throwing(new IllegalStateException("boom")).custody(), "digest", "oci:/l:v1");

    assertEquals(4, run.exitCode(), run.toString());
    assertTrue(
        run.err().startsWith("custody: internal error (a bug: please report it): java.lang.IllegalStateException: boom"),
        run.toString());
    assertTrue(run.err().contains("rerun with --verbose"), run.toString());
  }

  @Test
  void digest_unexpectedRuntimeExceptionVerbose_printsStackTrace() {
    CliRun run =
        CliRun.with(
            () -> FakeStore.throwing(new IllegalStateException("boom")).custody(), "digest", "--verbose", "oci:/l:v1");

    assertEquals(4, run.exitCode(), run.toString());
    assertTrue(run.err().contains("\tat dev.custody.cli.DigestCommand.call"), run.toString());
  }

  @Test
  void digest_noImplementationOnClasspath_exit4() {
    CliRun run =
        CliRun.with(
            () -> {
              throw new IllegalStateException("no Custody implementation found");
            },
            "digest",
            "oci:/l:v1");

    assertEquals(4, run.exitCode(), run.toString());
    assertTrue(run.err().contains("no Custody implementation found"), run.toString());
  }
}
