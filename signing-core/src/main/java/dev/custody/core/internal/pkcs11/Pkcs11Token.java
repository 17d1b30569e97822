package dev.custody.core.internal.pkcs11;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.security.auth.login.LoginException;

/**
 * One slot of a PKCS#11 module, opened through a private instance of the JDK's SunPKCS11 provider
 * ({@code Provider.configure}; never {@code Security.addProvider}) and read through its {@code
 * PKCS11} KeyStore.
 *
 * <p>The KeyStore lists a private key only together with a certificate of the same {@code CKA_ID};
 * keys without a certificate are invisible to the JDK. Entries are named by the certificate's
 * {@code CKA_LABEL}, or by the {@code CKA_ID} when the certificate has no unique label (printable
 * ids as text, others as {@code 0x} and lower-case hex).
 *
 * <p>Thread-safe: SunPKCS11 keeps a pool of sessions.
 */
final class Pkcs11Token {
  private final AuthProvider provider;
  private final KeyStore keyStore;
  private final String uri;

  private Pkcs11Token(AuthProvider provider, KeyStore keyStore, String uri) {
    this.provider = provider;
    this.keyStore = keyStore;
    this.uri = uri;
  }

  /**
   * Configures a provider for one slot and reads the token's key store, logging in if a PIN is
   * given.
   *
   * @param module the PKCS#11 module
   * @param slot the slot id, or empty for the first slot with a token
   * @param pin the PIN (zeroed by the caller), or empty to see public objects only
   * @param uri the redacted URI, for messages
   * @return the open token
   * @throws KeyException if the module cannot be loaded, the slot has no token, or login fails
   */
  static Pkcs11Token open(Path module, OptionalLong slot, Optional<char[]> pin, String uri)
      throws KeyException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open PKCS#11 key "
              + uri
              + ": this JDK has no SunPKCS11 provider (module"
              + " jdk.crypto.cryptoki)",
          null);
    }
    Provider configured;
    try {
      configured = base.configure(configuration(module, slot));
    } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new KeyException(
          Reason.KEY,
          "open PKCS#11 key "
              + uri
              + ": cannot load module "
              + module
              + " for "
              + (slot.isPresent() ? "slot " + slot.getAsLong() : "its first slot")
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    if (!(configured instanceof AuthProvider)) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open PKCS#11 key " + uri + ": SunPKCS11 is not an AuthProvider",
          null);
    }
    AuthProvider provider = (AuthProvider) configured;
    KeyStore keyStore;
    try {
      keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin.orElse(null));
    } catch (IOException e) {
      if (hasCause(e, LoginException.class)) {
        throw new KeyException(
            Reason.KEY,
            "log in to PKCS#11 token "
                + uri
                + ": the token refused the PIN ("
                + rootMessage(e)
                + ")",
            null);
      }
      throw new KeyException(
          Reason.KEY,
          "open PKCS#11 key " + uri + ": cannot read the token (" + rootMessage(e) + ")",
          e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyException(
          Reason.KEY,
          "open PKCS#11 key " + uri + ": cannot read the token (" + rootMessage(e) + ")",
          e);
    }
    return new Pkcs11Token(provider, keyStore, uri);
  }

  /** {@return the provider instance bound to this slot} */
  Provider provider() {
    return provider;
  }

  /**
   * Finds the entry named by {@code object} (a label) or, failing that, by {@code id}.
   *
   * @param object the object label
   * @param id the object id
   * @return the alias
   * @throws KeyException naming the URI if no entry matches
   */
  String alias(Optional<String> object, Optional<byte[]> id) throws KeyException {
    List<String> aliases;
    try {
      aliases = Collections.list(keyStore.aliases());
    } catch (GeneralSecurityException e) {
      throw new KeyException(Reason.KEY, "list PKCS#11 objects for " + uri, e);
    }
    Optional<String> wanted = object.isPresent() ? object : id.map(Pkcs11Token::aliasOfId);
    if (wanted.isEmpty()) {
      if (aliases.size() == 1) {
        return aliases.get(0);
      }
      throw new KeyException(
          "open PKCS#11 key "
              + uri
              + ": the URI names no object and the token holds "
              + aliases.size()
              + " keys with certificates (expected one; add object=<label>)");
    }
    if (!aliases.contains(wanted.get())) {
      throw new KeyException(
          Reason.NOT_FOUND,
          "open PKCS#11 key "
              + uri
              + ": no private key with a certificate matches (the JDK sees"
              + " only keys that have a certificate with the same CKA_ID; entries found: "
              + Pkcs11Uri.shorten(String.join(", ", aliases))
              + ")",
          null);
    }
    return wanted.get();
  }

  /** {@return the private key of entry {@code alias}} */
  PrivateKey privateKey(String alias) throws KeyException {
    try {
      if (keyStore.isKeyEntry(alias)) {
        java.security.Key key = keyStore.getKey(alias, null);
        if (key instanceof PrivateKey) {
          return (PrivateKey) key;
        }
      }
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open PKCS#11 key "
              + uri
              + ": the JDK cannot use this private key ("
              + rootMessage(e)
              + ")",
          e);
    }
    throw new KeyException(
        Reason.NOT_FOUND,
        "open PKCS#11 key " + uri + ": the private key is not visible (log in with a PIN)",
        null);
  }

  /** {@return the certificate of entry {@code alias}} */
  Certificate certificate(String alias) throws KeyException {
    try {
      Certificate certificate = keyStore.getCertificate(alias);
      if (certificate != null) {
        return certificate;
      }
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyException(Reason.KEY, "read certificate for PKCS#11 key " + uri, e);
    }
    throw new KeyException(
        Reason.NOT_FOUND, "open PKCS#11 key " + uri + ": no certificate for the key", null);
  }

  /** Logs the token out; other providers on the same token in this process are affected too. */
  void logout() {
    try {
      provider.logout();
    } catch (LoginException | ProviderException e) {
      // Best effort: the session may already be gone (token removed, module finalized).
    }
  }

  /**
   * Writes the SunPKCS11 inline configuration ("--" form, JDK PKCS#11 Reference Guide). The library
   * path is quoted; the tokenizer treats backslash as an escape, so it is doubled.
   */
  static String configuration(Path module, OptionalLong slot) {
    String library = module.toString();
    if (library.indexOf('"') >= 0 || library.indexOf('\n') >= 0 || library.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("PKCS#11 module path contains a quote or line break");
    }
    StringBuilder config = new StringBuilder("--name = Custody\n");
    config.append("library = \"").append(library.replace("\\", "\\\\")).append("\"\n");
    if (slot.isPresent()) {
      config.append("slot = ").append(slot.getAsLong()).append('\n');
    } else {
      config.append("slotListIndex = 0\n");
    }
    return config.toString();
  }

  /** The alias P11KeyStore gives an entry keyed by {@code CKA_ID}. */
  static String aliasOfId(byte[] id) {
    for (byte b : id) {
      if (!isPrintableStringChar((char) (b & 0xff))) {
        return "0x" + HexFormat.of().formatHex(id);
      }
    }
    return new String(id, StandardCharsets.UTF_8);
  }

  /** ASN.1 PrintableString characters (X.680 §41.4), as P11KeyStore tests them. */
  private static boolean isPrintableStringChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || " '()+,-./:=?".indexOf(c) >= 0;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, e.g. {@code CKR_PIN_INCORRECT}; PKCS#11 errors carry no secrets. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + Pkcs11Uri.shorten(message));
  }
}
