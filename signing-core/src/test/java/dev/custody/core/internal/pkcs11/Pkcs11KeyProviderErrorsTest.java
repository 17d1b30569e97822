package dev.custody.core.internal.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures found before any PKCS#11 module is loaded, so they run in the test JVM. The token
 * created here is only listed by {@code pkcs11-tool}, a child process.
 */
class Pkcs11KeyProviderErrorsTest {
  private static SoftHsmToken token;

  @BeforeAll
  static void createToken() throws Exception {
    token = SoftHsmToken.create();
  }

  @AfterAll
  static void removeToken() {
    if (token != null) {
      token.close();
    }
  }

  @Test
  void serviceLoader_findsPkcs11ProviderForPkcs11Refs() {
    List<KeyProvider> providers =
        ServiceLoader.load(KeyProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.supports(KeyRef.parse("pkcs11:object=k")))
            .collect(Collectors.toList());
    assertEquals(1, providers.size(), providers.toString());
    assertTrue(providers.get(0) instanceof Pkcs11KeyProvider);
    assertFalse(providers.get(0).supports(KeyRef.parse("cosign.key")));
  }

  @Test
  void signer_pinValue_refusedWithoutShowingIt() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(Map.of())
                    .signer(
                        KeyRef.parse("pkcs11:token=custody;object=k?pin-value=112233"),
                        PasswordSource.none()));
    assertEquals(Reason.INVALID_INPUT, e.reason());
    assertEquals(
        "open PKCS#11 key pkcs11:token=custody;object=k?pin-value=REDACTED: pin-value is refused"
            + " (a PIN in a URI leaks through shell histories and process lists; use"
            + " pin-source=file:<path> or a password source)",
        e.getMessage());
  }

  @Test
  void signer_noModule_namesTheVariable() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(Map.of())
                    .signer(KeyRef.parse("pkcs11:object=k"), PasswordSource.none()));
    assertEquals(
        "open PKCS#11 key pkcs11:object=k: no PKCS#11 module (add module-path=<library> to the URI"
            + " or set CUSTODY_PKCS11_MODULE)",
        e.getMessage());
  }

  @Test
  void signer_missingModuleFile_notFound() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(Map.of("CUSTODY_PKCS11_MODULE", "/nonexistent/p11.so"))
                    .signer(KeyRef.parse("pkcs11:object=k"), PasswordSource.none()));
    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(
        e.getMessage().contains("module /nonexistent/p11.so is not an existing file"),
        e.getMessage());
  }

  @Test
  void signer_unknownTokenLabel_notFoundNamingTheUri() {
    String uri = "pkcs11:token=elsewhere;object=k?module-path=" + SoftHsmToken.MODULE;
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(token.environment())
                    .signer(KeyRef.parse(uri), PasswordSource.none()));
    assertEquals(Reason.NOT_FOUND, e.reason());
    assertEquals(
        "open PKCS#11 key "
            + uri
            + ": no token labelled \"elsewhere\" in module "
            + SoftHsmToken.MODULE,
        e.getMessage());
  }

  @Test
  void signer_noPinAnywhere_saysWhereToPutIt() {
    String uri = "pkcs11:token=custody;object=k?module-path=" + SoftHsmToken.MODULE;
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(token.environment())
                    .signer(KeyRef.parse(uri), PasswordSource.none()));
    assertEquals(Reason.KEY, e.reason());
    assertTrue(
        e.getMessage().startsWith("log in to PKCS#11 token " + uri + ": a PIN is needed"),
        e.getMessage());
  }

  @Test
  void signer_tokenLabelWithoutPkcs11Tool_asksForSlotId() {
    String uri = "pkcs11:token=custody;object=k?module-path=" + SoftHsmToken.MODULE;
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                new Pkcs11KeyProvider(Map.of("PATH", "/nonexistent"))
                    .signer(KeyRef.parse(uri), PasswordSource.none()));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertEquals(
        "open PKCS#11 key "
            + uri
            + ": cannot find token \"custody\" by label: the JDK selects"
            + " tokens by slot only; "
            + TokenSlots.INSTALL_HINT,
        e.getMessage());
  }

  @Test
  void slotOf_initialisedToken_foundByLabel() throws Exception {
    long slot =
        new TokenSlots(token.environment()).slotOf(Path.of(SoftHsmToken.MODULE), "custody", "u");
    String shown = token.run("softhsm2-util", "--show-slots");
    assertTrue(shown.contains("Slot " + slot + "\n"), shown);
  }

  @Test
  void parse_pkcs11ToolListing_matchesExactLabelsOnly() {
    String listing =
        "Available slots:\n"
            + "Slot 0 (0x6ab04996): SoftHSM slot ID 0x6ab04996\n"
            + "  token label        : custody\n"
            + "  token manufacturer : SoftHSM project\n"
            + "Slot 1 (0x1a): SoftHSM slot ID 0x1a\n"
            + "  token label        : custody-2\n"
            + "Slot 2 (0x1): SoftHSM slot ID 0x1\n"
            + "  token state:   uninitialized\n";
    assertEquals(List.of(0x6ab04996L), TokenSlots.parse(listing, "custody"));
    assertEquals(List.of(0x1aL), TokenSlots.parse(listing, "custody-2"));
    assertEquals(List.of(), TokenSlots.parse(listing, "cust"));
  }
}
