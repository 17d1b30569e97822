package dev.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.registry.AzureTokenSource;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.store.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never appear in {@code toString()} or exception messages of API types (STYLE.md §16):
 * every value that holds or passes on a secret is printed and searched for it.
 */
class SecretsNotShownTest {
  private static final String SECRET = "Sup3r-S3cret-Value";

  @TempDir Path dir;

  private static void assertHidden(Object shown) {
    String text = String.valueOf(shown);
    assertFalse(text.contains(SECRET), text);
  }

  @Test
  void keyRef_withPkcs11PinValue_printsItRedacted_butKeepsTheValue() {
    String uri = "pkcs11:token=custody;object=k?module-path=/lib/p11.so&pin-value=" + SECRET + "&x=1";
    KeyRef ref = KeyRef.parse(uri);
    assertEquals(
        "pkcs11:token=custody;object=k?module-path=/lib/p11.so&pin-value=REDACTED&x=1", ref.toString());
    assertEquals(uri, ref.value());
    assertEquals("pkcs11:object=k?pin-value=REDACTED", KeyRef.parse("pkcs11:object=k?PIN-VALUE=" + SECRET).toString().replace("PIN-VALUE", "pin-value"));
    assertEquals("keys/cosign.key", KeyRef.parse("keys/cosign.key").toString());
  }

  @Test
  void credentials_andEverythingHoldingThem_printNoSecret() {
    Credential basic = Credential.basic("alice", SECRET);
    Credential token = Credential.identityToken(SECRET);
    CredentialProvider provider = CredentialProvider.of("registry.example", basic);
    CredentialProvider fromEnv =
        CredentialProvider.fromEnvironment(
                Map.of("CUSTODY_REGISTRY", "r.example", "CUSTODY_REGISTRY_USERNAME", "u",
                    "CUSTODY_REGISTRY_PASSWORD", SECRET))
            .orElseThrow();
    AzureTokenSource azure =
        AzureTokenSource.fromEnvironment(Map.of("AZURE_ACCESS_TOKEN", SECRET)).orElseThrow();
    RegistryOptions options =
        RegistryOptions.builder().credentialProvider(provider).credentialProvider(fromEnv)
            .azureTokenSource(azure).build();
    for (Object o : List.of(basic, token, provider, fromEnv, azure, options, StoreOptions.defaults().withRegistry(options))) {
      assertHidden(o);
    }
  }

  @Test
  void credentialValidation_namesTheProblem_notTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Credential.basic("alice", SECRET + "\n"));
    assertEquals("credential: the password contains a line break", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Credential.basic(SECRET + ":x", "pw"));
    assertHidden(e.getMessage());
  }

  @Test
  void passwordSources_printNothing_andFailWithoutTheContent() throws Exception {
    assertHidden(PasswordSource.fixed(SECRET.toCharArray()));
    assertHidden(PasswordSource.environment(Map.of(PasswordSource.CUSTODY_PASSWORD, SECRET)));
    Path file = dir.resolve("password");
    Files.writeString(file, SECRET.repeat(1000), StandardCharsets.UTF_8);
    PasswordSource source = PasswordSource.file(file);
    assertHidden(source);
    KeyException e = assertThrows(KeyException.class, () -> source.password("decrypt cosign.key"));
    assertEquals(CustodyException.Reason.LIMIT_EXCEEDED, e.reason());
    assertHidden(e.getMessage());
    Files.write(file, new byte[] {'a', (byte) 0xC3, '\n'});
    e = assertThrows(KeyException.class, () -> source.password("decrypt cosign.key"));
    assertEquals("read password file " + file + ": not UTF-8 text", e.getMessage());
  }
}
