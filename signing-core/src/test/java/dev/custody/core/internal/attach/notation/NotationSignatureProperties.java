package dev.custody.core.internal.attach.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.core.internal.formats.notary.NotaryHeaders;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignOptions;
import dev.custody.policy.SignatureFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * For every key type Notary signs with (ES256, ES384, PS384 for RSA 3072): an envelope Custody
 * signs passes integrity and its key signer accepts it, and any one-bit change to the signed
 * parts (the decoded protected header, payload or signature) makes it fail.
 */
class NotationSignatureProperties {
  private static final Map<KeyType, TestCertificate> CERTIFICATES = new EnumMap<>(KeyType.class);

  @Provide
  Arbitrary<KeyType> keyTypes() {
    return Arbitraries.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA);
  }

  @Provide
  Arbitrary<String> parts() {
    return Arbitraries.of("protected", "payload", "signature");
  }

  private static synchronized TestCertificate certificate(KeyType type) throws Exception {
    TestCertificate c = CERTIFICATES.get(type);
    if (c == null) {
      c = dev.custody.core.internal.crypto.TestCertificates.generate(
          "Property Signer", type, Duration.ofDays(30), Instant.now().minus(Duration.ofDays(1)),
          new SecureRandom());
      CERTIFICATES.put(type, c);
    }
    return c;
  }

  private static Manifest image(String variant) throws Exception {
    return ManifestCodec.parse(
        TestImages.image(variant).manifest().content(), Optional.of(MediaType.OCI_MANIFEST));
  }

  private static Bytes sign(TestCertificate certificate, Manifest subject) throws Exception {
    SignOptions options =
        SignOptions.builder()
            .format(SignatureFormat.NOTATION)
            .certificateChain(List.of(NotationTestSupport.der(certificate.certificate())))
            .build();
    ImageReference image = ImageReference.parse("registry.example.com/app@" + subject.digest());
    return new NotationSigning(Clock.systemUTC())
        .prepare(image, subject, certificate.signer(), options)
        .envelope();
  }

  private static EnvelopeIntegrity.Result integrity(Bytes envelope, Manifest subject) {
    Candidate candidate =
        Candidate.of(subject.digest(), MediaType.of(NotaryHeaders.JWS_MEDIA_TYPE), envelope);
    return EnvelopeIntegrity.check(candidate, subject.descriptor());
  }

  @Property(tries = 30)
  void integrity_ofSign_holdsAndTheKeySignerAccepts(
      @ForAll("keyTypes") KeyType type, @ForAll @AlphaChars @StringLength(min = 1, max = 20) String variant)
      throws Exception {
    TestCertificate certificate = certificate(type);
    Manifest subject = image(variant);

    EnvelopeIntegrity.Result result = integrity(sign(certificate, subject), subject);

    VerifiedEnvelope verified = result.verified().orElseThrow(() -> new AssertionError(result));
    TrustDecision decision =
        new SignerTrust(
                List.of(TrustedSigner.publicKey("k", certificate.key().publicKey().spki())),
                Instant.now())
            .decide(verified);
    assertTrue(decision.isAccepted(), decision::toString);
    assertEquals(subject.digest().toString(), verified.info().target().digest());
  }

  @Property(tries = 60)
  void integrity_oneBitFlippedInASignedPart_fails(
      @ForAll("keyTypes") KeyType type,
      @ForAll("parts") String part,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position)
      throws Exception {
    Manifest subject = image("flip");
    String envelope = sign(certificate(type), subject).asUtf8();
    JsonNode root = Json.read(Bytes.utf8(envelope), "envelope");
    String encoded = root.get(part).asText();
    byte[] decoded = Base64.getUrlDecoder().decode(encoded);
    int bit = position % (decoded.length * 8);
    decoded[bit / 8] ^= (byte) (1 << (bit % 8));
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded);
    String tampered =
        envelope.replace("\"" + part + "\":\"" + encoded + "\"", "\"" + part + "\":\"" + changed + "\"");

    EnvelopeIntegrity.Result result = integrity(Bytes.utf8(tampered), subject);

    assertTrue(result.rejection().isPresent(), () -> part + " bit " + bit + " still verified");
  }
}
