package dev.custody.core.internal.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.registry.Credential;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialProviderTest {
  @TempDir Path dir;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private DockerConfigCredentialProvider provider(String json) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return new DockerConfigCredentialProvider(file, new CredentialHelpers(List.of(dir.resolve("bin")), Duration.ofSeconds(10)));
  }

  /** Writes a fake docker-credential-test into dir/bin: answers for registry.example.com only. */
  private void fakeHelper(String name, String script) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path exe = bin.resolve("docker-credential-" + name);
    Files.writeString(exe, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
  }

  private static final String HELPER =
      "read server\n"
          + "if [ \"$1\" != get ]; then exit 2; fi\n"
          + "case \"$server\" in\n"
          + "  registry.example.com) echo '{\"ServerURL\":\"registry.example.com\",\"Username\":\"helper-user\",\"Secret\":\"helper-secret\"}' ;;\n"
          + "  tokens.example.com) echo '{\"ServerURL\":\"tokens.example.com\",\"Username\":\"<token>\",\"Secret\":\"refresh-1\"}' ;;\n"
          + "  https://index.docker.io/v1/) echo '{\"Username\":\"hub\",\"Secret\":\"hub-secret\"}' ;;\n"
          + "  broken.example.com) echo 'oops {\"Secret\":\"leaky\"'; exit 0 ;;\n"
          + "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
          + "esac\n";

  @Test
  void auths_authWithAndWithoutPadding_splitsOnFirstColon() throws Exception {
    String unpadded = b64("bob:pa:ss").replace("=", "");
    DockerConfigCredentialProvider p = provider("{\"auths\":{"
        + "\"registry.example.com\":{\"auth\":\"" + b64("alice:s3cr3t") + "\"},"
        + "\"https://other.example.com/v1/\":{\"auth\":\"" + unpadded + "\"}}}");
    assertEquals(Optional.of(Credential.basic("alice", "s3cr3t")), p.credentialFor("registry.example.com"));
    assertEquals(Optional.of(Credential.basic("bob", "pa:ss")), p.credentialFor("other.example.com"));
    assertEquals(Optional.empty(), p.credentialFor("third.example.com"));
  }

  @Test
  void auths_identityToken_andDockerHubKey_andEmptyMarker() throws Exception {
    DockerConfigCredentialProvider p = provider("{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:hubpw") + "\"},"
        + "\"myreg.azurecr.io\":{\"auth\":\"" + b64(Credential.ACR_REFRESH_TOKEN_USERNAME + ":") + "\",\"identitytoken\":\"acr-refresh\"},"
        + "\"marker.example.com\":{}}}");
    assertEquals(Optional.of(Credential.basic("hubuser", "hubpw")), p.credentialFor("registry-1.docker.io"));
    assertEquals(Optional.of(Credential.basic("hubuser", "hubpw")), p.credentialFor("index.docker.io"));
    assertEquals(Optional.of(Credential.identityToken("acr-refresh")), p.credentialFor("myreg.azurecr.io"));
    assertEquals(Optional.empty(), p.credentialFor("marker.example.com"));
  }

  @Test
  void credHelpers_runTheHelperFromThePath_withUsernameTokenMeaningIdentityToken() throws Exception {
    fakeHelper("test", HELPER);
    DockerConfigCredentialProvider p = provider("{\"credHelpers\":{\"registry.example.com\":\"test\",\"tokens.example.com\":\"test\","
        + "\"nothing.example.com\":\"test\"},\"auths\":{\"nothing.example.com\":{\"auth\":\"" + b64("file:pw") + "\"}}}");
    assertEquals(Optional.of(Credential.basic("helper-user", "helper-secret")), p.credentialFor("registry.example.com"));
    assertEquals(Optional.of(Credential.identityToken("refresh-1")), p.credentialFor("tokens.example.com"));
    assertEquals(Optional.of(Credential.basic("file", "pw")), p.credentialFor("nothing.example.com"),
        "helper has none: auths is next");
  }

  @Test
  void credsStore_isAskedForEveryHost_withDockerHubServerUrl() throws Exception {
    fakeHelper("desktop", HELPER);
    DockerConfigCredentialProvider p = provider("{\"credsStore\":\"desktop\",\"auths\":{\"registry.example.com\":{}}}");
    assertEquals(Optional.of(Credential.basic("helper-user", "helper-secret")), p.credentialFor("registry.example.com"));
    assertEquals(Optional.of(Credential.basic("hub", "hub-secret")), p.credentialFor("registry-1.docker.io"));
    assertEquals(Optional.empty(), p.credentialFor("unknown.example.com"));
  }

  @Test
  void helperAnsweringNonsense_failsWithoutQuotingIt() throws Exception {
    fakeHelper("test", HELPER);
    DockerConfigCredentialProvider p = provider("{\"credHelpers\":{\"broken.example.com\":\"test\"}}");
    StoreException e = assertThrows(StoreException.class, () -> p.credentialFor("broken.example.com"));
    assertEquals("get credentials for broken.example.com from docker-credential-test: output is not JSON", e.getMessage());
    assertEquals(Reason.PROTOCOL, e.reason());
  }

  @Test
  void missingHelper_andPathTraversalName_areClearErrors() throws Exception {
    DockerConfigCredentialProvider p = provider("{\"credHelpers\":{\"a.example.com\":\"absent\",\"b.example.com\":\"../../bin/sh\"}}");
    StoreException missing = assertThrows(StoreException.class, () -> p.credentialFor("a.example.com"));
    assertEquals("get credentials for a.example.com from docker-credential-absent: helper not found on PATH", missing.getMessage());
    StoreException traversal = assertThrows(StoreException.class, () -> p.credentialFor("b.example.com"));
    assertTrue(traversal.getMessage().endsWith(": not a valid helper name"), traversal.getMessage());
  }

  @Test
  void helperFailing_reportsStatusAndItsMessage() throws Exception {
    fakeHelper("test", "echo 'keychain locked'; exit 3\n");
    DockerConfigCredentialProvider p = provider("{\"credsStore\":\"test\"}");
    StoreException e = assertThrows(StoreException.class, () -> p.credentialFor("registry.example.com"));
    assertEquals("get credentials for registry.example.com from docker-credential-test: exited with status 3 (keychain locked)", e.getMessage());
  }

  @Test
  void malformedFiles_failWithoutSecrets() throws Exception {
    StoreException json = assertThrows(StoreException.class,
        () -> provider("{\"auths\":{\"r\":{\"auth\":\"c2VjcmV0\"}} trailing-secret").credentialFor("r"));
    assertTrue(json.getMessage().endsWith("config.json: malformed JSON"), json.getMessage());
    assertFalse(json.getMessage().contains("trailing-secret"));
    StoreException noColon = assertThrows(StoreException.class,
        () -> provider("{\"auths\":{\"r\":{\"auth\":\"" + b64("justasecret") + "\"}}}").credentialFor("r"));
    assertTrue(noColon.getMessage().endsWith("entry for r: 'auth' is not base64 of user:password"), noColon.getMessage());
  }

  @Test
  void missingFile_meansNoCredentials_andLocationFollowsDockerConfig() throws Exception {
    DockerConfigCredentialProvider p = new DockerConfigCredentialProvider(dir.resolve("none.json"),
        new CredentialHelpers(List.of(), Duration.ofSeconds(1)));
    assertEquals(Optional.empty(), p.credentialFor("registry.example.com"));
    assertEquals(Path.of("/cfg/config.json"), DockerConfigCredentialProvider.locate(Map.of("DOCKER_CONFIG", "/cfg"), Path.of("/home/u")));
    assertEquals(Path.of("/home/u/.docker/config.json"), DockerConfigCredentialProvider.locate(Map.of(), Path.of("/home/u")));
  }
}
