package dev.custody.core.internal.pkcs11;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys on PKCS#11 tokens (hardware security modules, smart cards, SoftHSM), named by RFC 7512
 * {@code pkcs11:} URIs:
 *
 * <pre>
 * pkcs11:token=custody;object=release-key?module-path=/usr/lib/softhsm/libsofthsm2.so&amp;pin-source=file:/run/pin
 * </pre>
 *
 * <p>The module is {@code module-path}, else the environment variable {@value #MODULE_VARIABLE}.
 * The slot is {@code slot-id}, else the one whose token has the {@code token} label (found with
 * OpenSC's {@code pkcs11-tool}, since the JDK cannot select by label, see {@link TokenSlots}), else
 * the first slot with a token. The key is the entry whose certificate has the {@code object} label;
 * the JDK's KeyStore shows only private keys that have a certificate with the same {@code CKA_ID},
 * and {@code id} is matched only where the JDK names an entry by its id (a certificate without a
 * label); when both are given, {@code object} decides, since the JDK does not reveal the id of a
 * labelled entry. The PIN comes from {@code pin-source}, else from the {@link PasswordSource} with
 * the purpose {@code "PKCS#11 PIN for token <label>"}; a {@code pin-value} in the URI is refused,
 * because a PIN on a command line leaks through shell histories and process lists.
 *
 * <p>The algorithm is fixed by the key on the token: ECDSA with the curve's hash (P-256, P-384,
 * P-521; DER signatures), RSA PKCS#1 v1.5 with SHA-256 (cosign's choice). Ed25519 keys need a
 * SunPKCS11 with EdDSA; Java 17's has none, so they fail with {@link Reason#UNSUPPORTED}. Before
 * returning a signer, the provider signs a probe and verifies it with the certificate's key, so a
 * certificate that does not belong to the private key is caught here.
 *
 * <p>Signers implement {@link AutoCloseable}; closing the last open signer of this provider on a
 * token logs out. PKCS#11 keeps one login state per process and token (PKCS#11 v2.40 §5.6, {@code
 * C_Login}), so other code that uses the same token in this process shares it; while a token is
 * logged in, SunPKCS11 does not log in again, so a second signer's PIN is not checked.
 *
 * <p>Thread-safe. Each signer or verifier configures its own SunPKCS11 instance; none is added to
 * the JCA provider list.
 */
public final class Pkcs11KeyProvider implements KeyProvider {
  /** The environment variable naming the default PKCS#11 module. */
  public static final String MODULE_VARIABLE = "CUSTODY_PKCS11_MODULE";

  private static final Logger LOG = LoggerFactory.getLogger(Pkcs11KeyProvider.class);
  private static final Bytes PROBE =
      Bytes.of("custody: PKCS#11 key and certificate check".getBytes(StandardCharsets.US_ASCII));

  private final Map<String, String> environment;
  private final TokenSlots slots;

  /** Open signers per module and slot; the login is released when the count returns to zero. */
  private final Map<String, Integer> logins = new HashMap<>();

  /** Creates the provider with the process environment; used by {@link java.util.ServiceLoader}. */
  public Pkcs11KeyProvider() {
    this(System.getenv());
  }

  /**
   * Creates the provider with a given environment (for {@value #MODULE_VARIABLE} and the {@code
   * PATH} searched for {@code pkcs11-tool}).
   *
   * @param environment the environment variables
   */
  public Pkcs11KeyProvider(Map<String, String> environment) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
    this.slots = new TokenSlots(this.environment);
  }

  @Override
  public boolean supports(KeyRef ref) {
    return ref.scheme().equals("pkcs11");
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) throws KeyException {
    return signer(ref, passwords, Optional.empty());
  }

  /**
   * Opens a signer with a chosen algorithm of the key's type, for RSA keys used with PSS.
   *
   * @param ref the {@code pkcs11:} reference
   * @param passwords the PIN source
   * @param algorithm the algorithm; it must fit the key on the token
   * @return the signer
   * @throws KeyException as {@link #signer(KeyRef, PasswordSource)}, or if the algorithm does not
   *     fit the key
   */
  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords, SignatureAlgorithm algorithm)
      throws KeyException {
    return signer(ref, passwords, Optional.of(requireNonNull(algorithm, "algorithm")));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reading the certificate needs the PIN too: the JDK's PKCS#11 KeyStore logs in to every token
   * that requires login. It comes from {@code pin-source}, else from {@code CUSTODY_PASSWORD} or
   * {@code COSIGN_PASSWORD} in the environment.
   */
  @Override
  public Verifier verifier(KeyRef ref) throws KeyException {
    Pkcs11Uri uri = parse(ref);
    Target target = target(uri);
    char[] pin = pin(uri, PasswordSource.environment(environment));
    Pkcs11Token token;
    try {
      token = login(target, pin);
    } finally {
      Arrays.fill(pin, '\0');
    }
    try {
      return verifier(uri, target, token);
    } finally {
      release(target.key, token);
    }
  }

  private static Verifier verifier(Pkcs11Uri uri, Target target, Pkcs11Token token)
      throws KeyException {
    String alias = token.alias(uri.object(), uri.id().map(Bytes::toByteArray));
    return BcVerifiers.of(publicKey(token.certificate(alias), Optional.empty(), target.uri));
  }

  @Override
  public String toString() {
    return "Pkcs11KeyProvider";
  }

  private Signer signer(KeyRef ref, PasswordSource passwords, Optional<SignatureAlgorithm> chosen)
      throws KeyException {
    requireNonNull(passwords, "passwords");
    Pkcs11Uri uri = parse(ref);
    Target target = target(uri);
    char[] pin = pin(uri, passwords);
    Pkcs11Token token;
    try {
      token = login(target, pin);
    } finally {
      Arrays.fill(pin, '\0');
    }
    try {
      String alias = token.alias(uri.object(), uri.id().map(Bytes::toByteArray));
      PublicKeyInfo publicKey = publicKey(token.certificate(alias), chosen, target.uri);
      if (!Pkcs11Algorithms.supports(publicKey.algorithm(), token.provider())) {
        throw new KeyException(
            Reason.UNSUPPORTED,
            "open PKCS#11 key "
                + target.uri
                + ": the JDK's SunPKCS11 provider cannot sign with "
                + publicKey.algorithm()
                + " (Java "
                + Runtime.version().feature()
                + " has no such Signature"
                + (publicKey.keyType() == KeyType.ED25519
                    ? "; EdDSA through SunPKCS11 needs a newer JDK)"
                    : ")"),
            null);
      }
      PrivateKey key = token.privateKey(alias);
      Pkcs11Signer signer =
          new Pkcs11Signer(
              publicKey, key, token.provider(), target.uri, () -> release(target.key, token));
      check(signer, publicKey, target.uri);
      LOG.debug("opened PKCS#11 key {} ({})", target.uri, publicKey);
      return signer;
    } catch (KeyException | RuntimeException e) {
      release(target.key, token);
      throw e;
    }
  }

  /** Signs a probe and verifies it with the certificate's key: they must be one key pair. */
  private static void check(Pkcs11Signer signer, PublicKeyInfo publicKey, String uri)
      throws KeyException {
    try {
      BcVerifiers.of(publicKey).verify(PROBE, signer.sign(PROBE));
    } catch (SigningException e) {
      throw new KeyException(Reason.KEY, "open PKCS#11 key " + uri + ": " + e.getMessage(), e);
    } catch (VerificationException e) {
      throw new KeyException(
          Reason.KEY,
          "open PKCS#11 key "
              + uri
              + ": the certificate's public key does not belong to the"
              + " private key with the same CKA_ID",
          null);
    }
  }

  private static PublicKeyInfo publicKey(
      Certificate certificate, Optional<SignatureAlgorithm> chosen, String uri)
      throws KeyException {
    Bytes spki = Bytes.of(certificate.getPublicKey().getEncoded());
    PublicKeyInfo info;
    try {
      info = PublicKeyInfo.of(spki);
    } catch (KeyException e) {
      throw new KeyException(e.reason(), "open PKCS#11 key " + uri + ": " + e.getMessage(), e);
    }
    if (chosen.isEmpty()) {
      return info;
    }
    try {
      return info.withAlgorithm(chosen.get());
    } catch (KeyException e) {
      // the KeyProvider contract: a key that does not fit the algorithm is UNSUPPORTED
      throw new KeyException(
          Reason.UNSUPPORTED, "open PKCS#11 key " + uri + ": " + e.getMessage(), e);
    }
  }

  private static Pkcs11Uri parse(KeyRef ref) throws KeyException {
    requireNonNull(ref, "ref");
    Pkcs11Uri uri;
    try {
      uri = Pkcs11Uri.parse(ref.value());
    } catch (IllegalArgumentException e) {
      // The raw reference is not repeated: it may hold a pin-value.
      throw new KeyException("open PKCS#11 key: " + e.getMessage());
    }
    if (uri.hasPinValue()) {
      throw new KeyException(
          "open PKCS#11 key "
              + uri.redacted()
              + ": pin-value is refused (a PIN in a URI leaks"
              + " through shell histories and process lists; use pin-source=file:<path> or a"
              + " password source)");
    }
    return uri;
  }

  private Target target(Pkcs11Uri uri) throws KeyException {
    String shown = uri.redacted();
    String modulePath =
        uri.modulePath()
            .or(() -> Optional.ofNullable(environment.get(MODULE_VARIABLE)))
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new KeyException(
                        "open PKCS#11 key "
                            + shown
                            + ": no PKCS#11 module (add"
                            + " module-path=<library> to the URI or set "
                            + MODULE_VARIABLE
                            + ")"));
    Path module;
    try {
      module = Path.of(modulePath);
    } catch (InvalidPathException e) {
      throw new KeyException("open PKCS#11 key " + shown + ": module path is not a valid path");
    }
    if (!module.isAbsolute() || !Files.isRegularFile(module)) {
      throw new KeyException(
          Reason.NOT_FOUND,
          "open PKCS#11 key "
              + shown
              + ": module "
              + Pkcs11Uri.shorten(modulePath)
              + " is not an existing file with an absolute path",
          null);
    }
    OptionalLong slot = uri.slotId();
    if (slot.isEmpty() && uri.token().isPresent()) {
      slot = OptionalLong.of(slots.slotOf(module, uri.token().get(), shown));
    }
    if (slot.isPresent() && slot.getAsLong() > Integer.MAX_VALUE) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open PKCS#11 key "
              + shown
              + ": slot id "
              + slot.getAsLong()
              + " is beyond what SunPKCS11 accepts (at most "
              + Integer.MAX_VALUE
              + ")",
          null);
    }
    String key = module + "|" + (slot.isPresent() ? Long.toString(slot.getAsLong()) : "first");
    return new Target(module, slot, shown, key);
  }

  private static char[] pin(Pkcs11Uri uri, PasswordSource passwords) throws KeyException {
    String purpose = "PKCS#11 PIN for token " + uri.token().orElse(uri.redacted());
    if (uri.pinSource().isPresent()) {
      Path file = pinFile(uri.pinSource().get(), uri.redacted());
      return PasswordSource.file(file)
          .password(purpose)
          .orElseThrow(() -> new KeyException("read PIN for " + uri.redacted() + ": empty source"));
    }
    return passwords
        .password(purpose)
        .orElseThrow(
            () ->
                new KeyException(
                    Reason.KEY,
                    "log in to PKCS#11 token "
                        + uri.redacted()
                        + ": a PIN is needed (add"
                        + " pin-source=file:<path> to the URI, set CUSTODY_PASSWORD or run"
                        + " interactively)",
                    null));
  }

  /** RFC 7512 §2.3: pin-source is a URI; Custody accepts {@code file:} URIs and plain paths. */
  private static Path pinFile(String source, String shown) throws KeyException {
    String path = source;
    if (source.regionMatches(true, 0, "file:", 0, 5)) {
      path = source.substring(5);
      if (path.startsWith("//")) {
        int slash = path.indexOf('/', 2);
        String host = slash < 0 ? path.substring(2) : path.substring(2, slash);
        if (!host.isEmpty() && !host.equals("localhost")) {
          throw new KeyException("open PKCS#11 key " + shown + ": pin-source must be a local file");
        }
        path = slash < 0 ? "" : path.substring(slash);
      }
    } else if (source.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open PKCS#11 key " + shown + ": pin-source supports file: URIs and paths only",
          null);
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new KeyException("open PKCS#11 key " + shown + ": pin-source is not a valid path");
    }
  }

  /**
   * Counts one more user of the token's login and logs in. Serialised with {@link #release} so that
   * a logout never lands between another caller's count and its login.
   */
  private synchronized Pkcs11Token login(Target target, char[] pin) throws KeyException {
    Pkcs11Token token = Pkcs11Token.open(target.module, target.slot, Optional.of(pin), target.uri);
    logins.merge(target.key, 1, Integer::sum);
    return token;
  }

  /** Drops one user of the token's login; logs out when it was the last. */
  private synchronized void release(String key, Pkcs11Token token) {
    Integer left = logins.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    if (left == null) {
      token.logout();
    }
  }

  /** Where a URI points: module, slot, the redacted text and the login bookkeeping key. */
  private static final class Target {
    final Path module;
    final OptionalLong slot;
    final String uri;
    final String key;

    Target(Path module, OptionalLong slot, String uri, String key) {
      this.module = module;
      this.slot = slot;
      this.uri = uri;
      this.key = key;
    }
  }
}
