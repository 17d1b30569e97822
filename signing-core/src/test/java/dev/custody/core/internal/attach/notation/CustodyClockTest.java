package dev.custody.core.internal.attach.notation;

import static dev.custody.core.internal.attach.notation.NotationTestSupport.certificate;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.der;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.describe;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock given to {@link Custody.Builder#clock} is the time of signing and of verifying, not
 * only of custody evaluation: cosign records it as the signed time, Notary as its signing time and
 * the base of its expiry, and verification checks expiry against it.
 */
class CustodyClockTest {
  private static final Instant SIGNED = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path temp;

  private static Custody at(Instant now) {
    return Custody.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private ImageReference image() {
    return ImageReference.parse(
        "oci:" + TestImages.writeLayout(temp.resolve("layout"), "v1", TestImages.image("clock")) + ":v1");
  }

  @Test
  void cosignSignature_fixedClock_isTheSignedTimeInBothStorageModes() throws Exception {
    ImageReference image = image();
    Signer signer = KeyGenerators.generate(KeyType.EC_P256, new SecureRandom()).signer();
    TrustedSigner trusted = TrustedSigner.publicKey("release", signer.publicKey().spki());
    at(SIGNED).sign(image, signer, SignOptions.defaults());
    at(SIGNED.plusSeconds(60))
        .sign(
            image,
            signer,
            SignOptions.builder().referrersMode(ReferrersMode.OCI_1_1).build());

    SignatureReport report =
        at(SIGNED.plusSeconds(3600))
            .verify(image, VerifyOptions.builder().signers(List.of(trusted)).build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), describe(report));
    assertEquals(
        List.of(Optional.of(SIGNED)),
        report.examined().stream()
            .filter(e -> e.storage() == EvidenceStorage.COSIGN_SIG)
            .map(Evidence::signedTime)
            .collect(java.util.stream.Collectors.toList()),
        describe(report));
  }

  @Test
  void notationExpiry_verifiedBeforeAndAfterByTheClock_passesThenExpires() throws Exception {
    ImageReference image = image();
    TestCertificate signer = certificate("Clock Signer", SIGNED.minus(Duration.ofDays(1)));
    TrustedSigner trusted =
        TrustedSigner.certificate(
            "release", List.of(der(signer.certificate())), "O=*,OU=*,CN=Clock Signer");
    at(SIGNED)
        .sign(
            image,
            signer.signer(),
            SignOptions.builder()
                .format(SignatureFormat.NOTATION)
                .certificateChain(List.of(der(signer.certificate())))
                .expiry(Duration.ofHours(1))
                .build());
    VerifyOptions options =
        VerifyOptions.builder()
            .signers(List.of(trusted))
            .formats(java.util.EnumSet.of(SignatureFormat.NOTATION))
            .build();

    SignatureReport within = at(SIGNED.plus(Duration.ofMinutes(30))).verify(image, options);
    SignatureReport after = at(SIGNED.plus(Duration.ofHours(2))).verify(image, options);

    assertEquals(SignatureOutcome.VERIFIED, within.outcome(), describe(within));
    assertEquals(Optional.of(SIGNED), only(within).signedTime());
    assertEquals(SignatureOutcome.NONE_TRUSTED, after.outcome(), describe(after));
    assertEquals(Optional.of(ReasonCode.EXPIRED), only(after).failure(), describe(after));
    assertTrue(
        only(after).failureDetail().contains("expired on " + SIGNED.plus(Duration.ofHours(1))),
        only(after).failureDetail());
  }
}
