package dev.custody.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialTest {

  @Test
  void toString_neverShowsTheSecret() {
    assertEquals("Credential[basic alice:██]", Credential.basic("alice", "s3cr3t").toString());
    assertEquals("Credential[identity token ██]", Credential.identityToken("refresh-abc").toString());
    assertEquals("Credential[anonymous]", Credential.anonymous().toString());
    assertFalse(CredentialProvider.of("r.example", Credential.basic("a", "s3cr3t")).toString().contains("s3cr3t"));
  }

  @Test
  void basic_rejectsColonInUsername_withoutEchoingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Credential.basic("al:ice", "pw"));
    assertEquals("basic credential: username must be non-empty and free of ':' (got one with ':')", e.getMessage());
  }

  @Test
  void equality_coversTheSecret_hashDoesNot() {
    assertEquals(Credential.basic("a", "x"), Credential.basic("a", "x"));
    assertNotEquals(Credential.basic("a", "x"), Credential.basic("a", "y"));
    assertEquals(Credential.basic("a", "x").hashCode(), Credential.basic("a", "y").hashCode());
  }

  @Test
  void acrRefreshTokenUser_isRecognised() {
    assertTrue(Credential.basic(Credential.ACR_REFRESH_TOKEN_USERNAME, "rt").isAcrRefreshToken());
    assertFalse(Credential.basic(Credential.ACR_REFRESH_TOKEN_USERNAME, "").isAcrRefreshToken());
  }

  @Test
  void providerOf_answersOnlyItsHost_withDockerHubAliases() throws Exception {
    Credential c = Credential.basic("a", "b");
    assertEquals(Optional.of(c), CredentialProvider.of("docker.io", c).credentialFor("registry-1.docker.io"));
    assertEquals(Optional.of(c), CredentialProvider.of("Reg.Example:5000", c).credentialFor("reg.example:5000"));
    assertEquals(Optional.empty(), CredentialProvider.of("reg.example:5000", c).credentialFor("reg.example"));
  }

  @Test
  void environmentSources_needTheirVariables() throws Exception {
    assertEquals(Optional.empty(), CredentialProvider.fromEnvironment(Map.of("CUSTODY_REGISTRY_USERNAME", "u", "CUSTODY_REGISTRY_PASSWORD", "p")));
    CredentialProvider env = CredentialProvider.fromEnvironment(Map.of(
        "CUSTODY_REGISTRY", "reg.example", "CUSTODY_REGISTRY_USERNAME", "u", "CUSTODY_REGISTRY_PASSWORD", "p")).orElseThrow();
    assertEquals(Optional.of(Credential.basic("u", "p")), env.credentialFor("reg.example"));
    assertEquals(Optional.empty(), AzureTokenSource.fromEnvironment(Map.of()));
    AzureTokenSource azure = AzureTokenSource.fromEnvironment(Map.of("AZURE_ACCESS_TOKEN", "jwt", "AZURE_TENANT_ID", "t")).orElseThrow();
    assertEquals("jwt", azure.accessToken("x.azurecr.io"));
    assertEquals(Optional.of("t"), azure.tenantId());
    assertFalse(azure.toString().contains("jwt"));
  }

  @Test
  void registryOptions_builderDefaultsAndValidation() {
    RegistryOptions d = RegistryOptions.defaults();
    assertEquals(Duration.ofSeconds(10), d.connectTimeout());
    assertEquals(3, d.maxRetries());
    assertTrue(d.dockerConfig());
    RegistryOptions o = d.toBuilder().allowHttpRegistry("Build.Internal:5000").maxRetries(0).build();
    assertEquals(java.util.Set.of("build.internal:5000"), o.httpRegistries());
    assertEquals(o, o.toBuilder().build());
    assertNotEquals(d, o);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryOptions.builder().maxRetries(11));
    assertEquals("maxRetries must be 0 to 10 (got 11)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RegistryOptions.builder().allowHttpRegistry("http://x/"));
    assertEquals(o, dev.custody.store.StoreOptions.defaults().withRegistry(o).withCreateLayouts().registry());
  }
}
