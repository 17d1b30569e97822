package dev.custody.core.internal.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.sign.KeyType;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signs with keys on a real SoftHSM2 token. The token is built here (keys generated on it or
 * imported, certificates issued by a test CA); everything that loads the PKCS#11 module runs in one
 * child JVM ({@link Pkcs11Child}), and this class checks its signatures with Custody's Bouncy
 * Castle verifiers.
 */
class Pkcs11KeyProviderTest {
  private static final byte[] MESSAGE =
      "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"sha256:ab\"}}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String WRONG_PIN = "9999-wrong-pin";

  private static SoftHsmToken token;
  private static Bytes p256Spki;
  private static Bytes p384Spki;
  private static Bytes rsaSpki;
  private static Bytes byIdSpki;
  private static long slotId;
  private static final Map<String, ChildJvm.Result> results = new HashMap<>();

  @BeforeAll
  static void buildTokenAndRunChild() throws Exception {
    token = SoftHsmToken.create();
    SecureRandom random = new SecureRandom();
    // P-256 generated on the token: the private key never exists outside it.
    p256Spki = token.generate("release-key", "01", "EC:prime256v1");
    token.certify("release-key", "01", p256Spki);
    SigningKey p384 = KeyGenerators.generate(KeyType.EC_P384, random);
    token.importKey("p384", "02", p384);
    token.certify("p384", "02", p384Spki = p384.publicKey().spki());
    SigningKey rsa = KeyGenerators.generate(KeyType.RSA, random);
    token.importKey("rsa", "03", rsa);
    token.certify("rsa", "03", rsaSpki = rsa.publicKey().spki());
    // Ed25519 generated on the token; the certificate carries some Ed25519 key, because
    // pkcs11-tool cannot export an Ed25519 public key, and the JDK must refuse before using it.
    token.generate("ed", "04", "EC:edwards25519");
    token.certify("ed", "04", KeyGenerators.generate(KeyType.ED25519, random).publicKey().spki());
    // A certificate whose key is not the private key with the same CKA_ID.
    token.importKey("mismatch", "05", KeyGenerators.generate(KeyType.EC_P256, random));
    token.certify(
        "mismatch", "05", KeyGenerators.generate(KeyType.EC_P256, random).publicKey().spki());
    // A certificate without a label: the JDK names the entry by its CKA_ID, 0xa1b2.
    SigningKey byId = KeyGenerators.generate(KeyType.EC_P256, random);
    token.importKey("by-id", "a1b2", byId);
    token.certify(null, "a1b2", byIdSpki = byId.publicKey().spki());

    slotId =
        new TokenSlots(token.environment())
            .slotOf(Path.of(SoftHsmToken.MODULE), SoftHsmToken.LABEL, "test");
    Path wrongPin = token.dir().resolve("wrong-pin");
    Files.writeString(wrongPin, WRONG_PIN + "\n");
    String pins = token.pinFile().toString();
    String hex = HexFormat.of().formatHex(MESSAGE);
    String base = "pkcs11:token=custody;object=";
    String module = "?module-path=" + SoftHsmToken.MODULE;

    Map<String, List<String>> operations = new java.util.LinkedHashMap<>();
    operations.put(
        "wrongPin",
        List.of(
            "sign", base + "release-key" + module + "&pin-source=file:" + wrongPin, "-", "-", hex));
    operations.put("p256", List.of("sign", token.uri("release-key"), "-", "-", hex));
    // No module-path (CUSTODY_PKCS11_MODULE), PIN from the PasswordSource.
    operations.put("p384", List.of("sign", base + "p384", pins, "-", hex));
    operations.put("rsa", List.of("sign", token.uri("rsa"), "-", "-", hex));
    operations.put("rsaPss", List.of("sign", token.uri("rsa"), "-", "RSA_PSS_SHA256", hex));
    operations.put(
        "byId", List.of("sign", "pkcs11:token=custody;id=%A1%B2" + module, pins, "-", hex));
    operations.put(
        "bySlot",
        List.of(
            "sign", "pkcs11:slot-id=" + slotId + ";object=release-key" + module, pins, "-", hex));
    operations.put("unknown", List.of("sign", token.uri("nope"), "-", "-", hex));
    operations.put("noObject", List.of("sign", "pkcs11:token=custody" + module, pins, "-", hex));
    operations.put("verifier", List.of("verifier", base + "release-key" + module));
    operations.put("ed", List.of("sign", token.uri("ed"), "-", "-", hex));
    operations.put("mismatch", List.of("sign", token.uri("mismatch"), "-", "-", hex));
    operations.put("threads", List.of("threads", token.uri("release-key"), pins, "8"));
    operations.put("closed", List.of("closeThenSign", token.uri("release-key")));

    Map<String, String> env = new HashMap<>(token.environment());
    env.put(Pkcs11KeyProvider.MODULE_VARIABLE, SoftHsmToken.MODULE);
    // verifier(ref) has no PasswordSource: the PIN comes from pin-source or the environment.
    env.put("CUSTODY_PASSWORD", SoftHsmToken.PIN);
    List<ChildJvm.Result> list =
        ChildJvm.run(env, token.dir(), new ArrayList<>(operations.values()));
    int i = 0;
    for (String name : operations.keySet()) {
      results.put(name, list.get(i++));
    }
  }

  @AfterAll
  static void removeToken() {
    if (token != null) {
      token.close();
    }
  }

  @Test
  void sign_p256KeyGeneratedOnToken_bcVerifierAccepts() throws Exception {
    ChildJvm.Result r = results.get("p256");
    Verifier verifier = verifierOf(r, SignatureAlgorithm.ECDSA_P256_SHA256);
    assertEquals(p256Spki.hex(), r.get("publicKey").get(1));
    verifier.verify(Bytes.of(MESSAGE), signature(r, "signature"));
    verifier.verify(Bytes.of(MESSAGE), signature(r, "digestSignature"));
  }

  @Test
  void sign_p256_anyOneBitChangeFails() throws Exception {
    ChildJvm.Result r = results.get("p256");
    Verifier verifier = verifierOf(r, SignatureAlgorithm.ECDSA_P256_SHA256);
    byte[] signature = signature(r, "signature").toByteArray();
    for (int bit = 0; bit < MESSAGE.length * 8; bit += 7) {
      byte[] message = MESSAGE.clone();
      message[bit / 8] ^= (byte) (1 << (bit % 8));
      assertInvalid(verifier, message, signature);
    }
    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] tampered = signature.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertInvalid(verifier, MESSAGE, tampered);
    }
  }

  @Test
  void sign_importedP384_algorithmFollowsTheKey() throws Exception {
    ChildJvm.Result r = results.get("p384");
    assertEquals(p384Spki.hex(), r.get("publicKey").get(1));
    Verifier verifier = verifierOf(r, SignatureAlgorithm.ECDSA_P384_SHA384);
    verifier.verify(Bytes.of(MESSAGE), signature(r, "signature"));
    verifier.verify(Bytes.of(MESSAGE), signature(r, "digestSignature"));
  }

  @Test
  void sign_rsaKey_pkcs1ByDefaultAndPssOnRequest() throws Exception {
    ChildJvm.Result pkcs1 = results.get("rsa");
    assertEquals(rsaSpki.hex(), pkcs1.get("publicKey").get(1));
    Verifier v1 = verifierOf(pkcs1, SignatureAlgorithm.RSA_PKCS1_SHA256);
    v1.verify(Bytes.of(MESSAGE), signature(pkcs1, "signature"));
    v1.verify(Bytes.of(MESSAGE), signature(pkcs1, "digestSignature"));
    ChildJvm.Result pss = results.get("rsaPss");
    Verifier v2 = verifierOf(pss, SignatureAlgorithm.RSA_PSS_SHA256);
    v2.verify(Bytes.of(MESSAGE), signature(pss, "signature"));
    List<String> digestError = pss.get("error");
    assertEquals(List.of("SigningException", Reason.UNSUPPORTED.name()), digestError.subList(0, 2));
    assertTrue(
        digestError.get(2).contains("cannot sign a precomputed digest with PSS"),
        digestError.get(2));
    // A PKCS#1 signature is not a PSS signature: the key's algorithm is the only one accepted.
    assertInvalid(v2, MESSAGE, signature(pkcs1, "signature").toByteArray());
  }

  @Test
  void sign_byIdOrBySlotId_findsTheKey() throws Exception {
    ChildJvm.Result byId = results.get("byId");
    assertEquals(byIdSpki.hex(), byId.get("publicKey").get(1));
    verifierOf(byId, SignatureAlgorithm.ECDSA_P256_SHA256)
        .verify(Bytes.of(MESSAGE), signature(byId, "signature"));
    ChildJvm.Result bySlot = results.get("bySlot");
    assertEquals(p256Spki.hex(), bySlot.get("publicKey").get(1));
  }

  @Test
  void verifier_fromTokenCertificate_acceptsTokenSignatures() throws Exception {
    ChildJvm.Result r = results.get("verifier");
    assertEquals(List.of("ECDSA_P256_SHA256", p256Spki.hex()), r.get("verifier"));
    verifierOf(r.get("verifier"), SignatureAlgorithm.ECDSA_P256_SHA256)
        .verify(Bytes.of(MESSAGE), signature(results.get("p256"), "signature"));
  }

  @Test
  void sign_wrongPin_keyExceptionWithoutThePin() {
    List<String> error = results.get("wrongPin").get("error");
    assertEquals("KeyException", error.get(0));
    assertEquals(Reason.KEY.name(), error.get(1));
    String message = error.get(2);
    assertTrue(
        message.startsWith("log in to PKCS#11 token pkcs11:token=custody;object=release-key"),
        message);
    assertTrue(message.contains("CKR_PIN_INCORRECT"), message);
    assertFalse(message.contains(WRONG_PIN), message);
    assertFalse(message.contains(SoftHsmToken.PIN), message);
  }

  @Test
  void sign_unknownObject_keyExceptionNamingTheUri() {
    List<String> error = results.get("unknown").get("error");
    assertEquals(List.of("KeyException", Reason.NOT_FOUND.name()), error.subList(0, 2));
    assertTrue(
        error
            .get(2)
            .startsWith(
                "open PKCS#11 key "
                    + token.uri("nope")
                    + ": no private key with a certificate matches"),
        error.get(2));
    assertFalse(error.get(2).contains(SoftHsmToken.PIN), error.get(2));
  }

  @Test
  void sign_noObjectWithSeveralKeys_asksForOne() {
    List<String> error = results.get("noObject").get("error");
    assertEquals(Reason.INVALID_INPUT.name(), error.get(1));
    assertTrue(
        error.get(2).contains("the URI names no object and the token holds 6 keys"), error.get(2));
  }

  @Test
  void sign_ed25519OnJava17_unsupportedNamingTheJdk() {
    ChildJvm.Result r = results.get("ed");
    if (r.has("publicKey")) {
      throw new AssertionError(
          "this JDK signs with EdDSA through SunPKCS11: extend the test to verify the signature");
    }
    List<String> error = r.get("error");
    assertEquals(List.of("KeyException", Reason.UNSUPPORTED.name()), error.subList(0, 2));
    assertTrue(error.get(2).contains("cannot sign with ED25519"), error.get(2));
  }

  @Test
  void sign_certificateOfAnotherKey_refused() {
    List<String> error = results.get("mismatch").get("error");
    assertEquals(Reason.KEY.name(), error.get(1));
    assertTrue(
        error
            .get(2)
            .endsWith(
                "the certificate's public key does not belong to the private key with the same"
                    + " CKA_ID"),
        error.get(2));
  }

  @Test
  void sign_fromEightThreads_everySignatureVerifies() throws Exception {
    List<String> fields = results.get("threads").get("threads");
    assertEquals("8", fields.get(0));
    Verifier verifier =
        BcVerifiers.of(PublicKeyInfo.of(p256Spki, SignatureAlgorithm.ECDSA_P256_SHA256));
    for (int t = 0; t < 8; t++) {
      verifier.verify(
          Bytes.utf8("message " + t), Bytes.of(HexFormat.of().parseHex(fields.get(t + 1))));
    }
  }

  @Test
  void sign_afterClose_failsBecauseLoggedOut() {
    List<String> after = results.get("closed").get("afterClose");
    assertEquals(Reason.KEY.name(), after.get(0), after.toString());
    assertTrue(after.get(1).contains("the signer is closed"), after.get(1));
  }

  private static Verifier verifierOf(ChildJvm.Result r, SignatureAlgorithm expected)
      throws Exception {
    return verifierOf(r.get("publicKey"), expected);
  }

  private static Verifier verifierOf(List<String> fields, SignatureAlgorithm expected)
      throws Exception {
    assertEquals(expected.name(), fields.get(0), "the signer's algorithm is the token key's");
    PublicKeyInfo key = PublicKeyInfo.of(Bytes.of(HexFormat.of().parseHex(fields.get(1))));
    return BcVerifiers.of(key.withAlgorithm(expected));
  }

  private static Bytes signature(ChildJvm.Result r, String name) {
    return Bytes.of(HexFormat.of().parseHex(r.get(name).get(0)));
  }

  private static void assertInvalid(Verifier verifier, byte[] message, byte[] signature) {
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> verifier.verify(Bytes.of(message), Bytes.of(signature)));
    assertEquals(Reason.VERIFICATION_FAILED, e.reason());
  }
}
