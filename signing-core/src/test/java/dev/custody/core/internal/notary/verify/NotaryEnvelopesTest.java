package dev.custody.core.internal.notary.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.formats.notary.JwsAlgorithm;
import dev.custody.core.internal.notary.TestPki;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import dev.custody.sign.VerificationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope signature check on the core (Bouncy Castle) verifiers: every Notary algorithm
 * verifies with the key size it belongs to, and a changed signature or signed text does not.
 */
class NotaryEnvelopesTest {
  private static final String JWS = "application/jose+json";
  private static final String SIGNED_AT = "2026-01-02T03:04:05Z";
  private static final Descriptor ARTIFACT =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));
  private static final Map<JwsAlgorithm, KeyPair> KEYS = new ConcurrentHashMap<>();
  private static final String INVALID =
      "verify Notary JWS: the signature is not valid for the signing certificate's key";

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void signedWithTheKeysAlgorithm_verifies(JwsAlgorithm alg) throws Exception {
    SignerInfo info = NotaryEnvelopes.verify(JWS, envelope(alg));

    assertEquals(alg, info.algorithm());
    assertTrue(info.target().names(ARTIFACT), info.target()::toString);
  }

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void oneSignatureBitFlipped_refusedAsInvalid(JwsAlgorithm alg) throws Exception {
    String[] parts = parts(envelope(alg));
    byte[] signature = Base64.getUrlDecoder().decode(parts[3]);
    signature[signature.length / 3] ^= 0x10;

    assertInvalid(withSignature(parts, signature));
  }

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void payloadChangedAfterSigning_refusedAsInvalid(JwsAlgorithm alg) throws Exception {
    String[] parts = parts(envelope(alg));
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
            .replace("\"size\":" + ARTIFACT.size(), "\"size\":" + (ARTIFACT.size() + 1));
    parts[0] = url(payload.getBytes(StandardCharsets.UTF_8));

    assertInvalid(join(parts));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "ES384", "ES512"})
  void ecdsaWithRZero_refusedAsInvalid(String name) throws Exception {
    JwsAlgorithm alg = JwsAlgorithm.fromJwsName(name).orElseThrow();
    String[] parts = parts(envelope(alg));
    byte[] signature = Base64.getUrlDecoder().decode(parts[3]);
    Arrays.fill(signature, 0, signature.length / 2, (byte) 0);

    assertInvalid(withSignature(parts, signature));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "ES384", "ES512"})
  void ecdsaWithSEqualToTheOrder_refusedAsInvalid(String name) throws Exception {
    // SEC 1 §4.1.4 step 1: r and s must lie in [1, n-1]
    JwsAlgorithm alg = JwsAlgorithm.fromJwsName(name).orElseThrow();
    String[] parts = parts(envelope(alg));
    byte[] signature = Base64.getUrlDecoder().decode(parts[3]);
    int half = signature.length / 2;
    BigInteger n = ((ECPublicKey) KEYS.get(alg).getPublic()).getParams().getOrder();
    byte[] order = BigIntegers.asUnsignedByteArray(half, n);
    System.arraycopy(order, 0, signature, half, half);

    assertInvalid(withSignature(parts, signature));
  }

  private static void assertInvalid(Bytes envelope) {
    VerificationException e =
        assertThrows(VerificationException.class, () -> NotaryEnvelopes.verify(JWS, envelope));
    assertEquals(Reason.VERIFICATION_FAILED, e.reason());
    assertEquals(INVALID, e.getMessage());
  }

  /** An envelope signed by a self-signed leaf whose key fixes {@code alg} (FORMATS.md §5.5). */
  private static Bytes envelope(JwsAlgorithm alg) throws Exception {
    KeyPair keys = KEYS.computeIfAbsent(alg, NotaryEnvelopesTest::keysFor);
    String dn = "CN=" + alg + ",O=Custody Test,ST=WA,C=US";
    X509Certificate self =
        TestPki.cert(dn, keys, dn, keys.getPrivate(), false, -1, KeyPurposeId.id_kp_codeSigning);
    return TestPki.envelope(alg.jwsName(), keys.getPrivate(), List.of(self),
        ARTIFACT.digest().toString(), ARTIFACT.size(), SIGNED_AT, null);
  }

  private static KeyPair keysFor(JwsAlgorithm alg) {
    try {
      switch (alg) {
        case ES256:
          return TestPki.ec("secp256r1");
        case ES384:
          return TestPki.ec("secp384r1");
        case ES512:
          return TestPki.ec("secp521r1");
        case PS256:
          return TestPki.rsa(2048);
        case PS384:
          return TestPki.rsa(3072);
        default:
          return TestPki.rsa(4096);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {payload, protected, header JSON, signature}: the flattened JWS fields TestPki writes. */
  private static String[] parts(Bytes envelope) {
    String json = new String(envelope.toByteArray(), StandardCharsets.UTF_8);
    return new String[] {
      field(json, "\"payload\":\""),
      field(json, "\"protected\":\""),
      json.substring(json.indexOf("\"header\":"), json.indexOf(",\"signature\":")),
      field(json, "\"signature\":\"")
    };
  }

  private static String field(String json, String key) {
    int start = json.indexOf(key) + key.length();
    return json.substring(start, json.indexOf('"', start));
  }

  private static Bytes withSignature(String[] parts, byte[] signature) {
    String[] changed = parts.clone();
    changed[3] = url(signature);
    return join(changed);
  }

  private static Bytes join(String[] parts) {
    return Bytes.utf8("{\"payload\":\"" + parts[0] + "\",\"protected\":\"" + parts[1] + "\","
        + parts[2] + ",\"signature\":\"" + parts[3] + "\"}");
  }

  private static String url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
