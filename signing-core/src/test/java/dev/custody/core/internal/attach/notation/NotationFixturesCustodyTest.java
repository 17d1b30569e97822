package dev.custody.core.internal.attach.notation;

import static dev.custody.core.internal.attach.notation.NotationTestSupport.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.crypto.PrivateKeys;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code custody verify}'s library call reaches notation's outcome on notation's own e2e fixtures
 * ({@code ../shared/fixtures/notation-e2e}, README §4 and §6): layouts copied to a temporary
 * directory, trust stores built from the README's recipes, the fixture trust policies as they are.
 * notation's "success" (with or without log-level warnings) is {@link SignatureOutcome#VERIFIED};
 * an enforced failure is {@link SignatureOutcome#NONE_TRUSTED} with the reason code of the check
 * that failed; no signature is {@link SignatureOutcome#NO_SIGNATURES}. The outcomes hold for any
 * date between 2025-02-18 and 2122 (README "Depends on the date?").
 */
class NotationFixturesCustodyTest {
  private static final String FIXTURES = "../shared/fixtures/notation-e2e";
  private static final Digest IMAGE =
      Digest.parse("sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9");

  @TempDir Path temp;

  private final Custody custody = Custody.builder().build();

  /** Trust store recipes of the fixtures README §6 used here. */
  enum Recipe {
    /** {@code e2e.crt} in {@code ca/e2e}. */
    S1("localkeys/e2e.crt"),
    /** {@code new_e2e.crt} (same key, another certificate) in {@code ca/e2e}. */
    S2("localkeys/new_e2e.crt"),
    /** {@code expired_e2e.crt} in {@code ca/e2e}. */
    S3("localkeys/expired_e2e.crt");

    final String file;

    Recipe(String file) {
      this.file = file;
    }
  }

  record Scenario(
      String layout, String policy, Recipe recipe, SignatureOutcome outcome, ReasonCode reason) {
    @Override
    public String toString() {
      return layout
          + " + "
          + policy
          + " + "
          + recipe
          + " -> "
          + outcome
          + (reason != null ? " " + reason : "");
    }
  }

  static Scenario ok(String layout, String policy, Recipe recipe) {
    return new Scenario(layout, policy, recipe, SignatureOutcome.VERIFIED, null);
  }

  static Scenario fails(String layout, String policy, Recipe recipe, ReasonCode reason) {
    return new Scenario(layout, policy, recipe, SignatureOutcome.NONE_TRUSTED, reason);
  }

  static Stream<Scenario> scenarios() {
    String valid = "e2e-valid-signature";
    String expiredSignature = "e2e-expired-signature";
    String expiredCertificate = "e2e-with-expired-cert";
    String invalid = "e2e-invalid-signature";
    return Stream.of(
        // 4.1 unsigned: "no signature is associated with …"
        new Scenario("e2e", "trustpolicy.json", Recipe.S1, SignatureOutcome.NO_SIGNATURES, null),
        // 4.2 a valid signature
        ok(valid, "trustpolicy.json", Recipe.S1),
        ok(valid, "valid_trusted_identity_trustpolicy.json", Recipe.S1),
        fails(
            valid,
            "invalid_trusted_identity_trustpolicy.json",
            Recipe.S1,
            ReasonCode.UNTRUSTED_SIGNER),
        fails(valid, "trustpolicy.json", Recipe.S2, ReasonCode.UNTRUSTED_SIGNER),
        fails(valid, "permissive_trustpolicy.json", Recipe.S2, ReasonCode.UNTRUSTED_SIGNER),
        ok(valid, "audit_trustpolicy.json", Recipe.S2),
        ok(valid, "override_strict_trustpolicy.json", Recipe.S2),
        fails(valid, "override_audit_trustpolicy.json", Recipe.S2, ReasonCode.UNTRUSTED_SIGNER),
        fails(
            valid, "invalid_trust_store_trustpolicy.json", Recipe.S1, ReasonCode.UNTRUSTED_SIGNER),
        // 4.3 two signatures, one good
        ok("e2e-valid-multiple-signatures", "trustpolicy.json", Recipe.S1),
        // 4.4 an expired signature
        fails(expiredSignature, "trustpolicy.json", Recipe.S1, ReasonCode.EXPIRED),
        ok(expiredSignature, "permissive_trustpolicy.json", Recipe.S1),
        ok(expiredSignature, "audit_trustpolicy.json", Recipe.S1),
        ok(expiredSignature, "override_strict_trustpolicy.json", Recipe.S1),
        fails(
            expiredSignature,
            "override_permissive_trustpolicy.json",
            Recipe.S1,
            ReasonCode.EXPIRED),
        fails(expiredSignature, "override_audit_trustpolicy.json", Recipe.S1, ReasonCode.EXPIRED),
        // 4.5 a layer that is not an envelope: integrity, which no level relaxes
        fails(invalid, "trustpolicy.json", Recipe.S1, ReasonCode.MALFORMED),
        fails(invalid, "permissive_trustpolicy.json", Recipe.S1, ReasonCode.MALFORMED),
        fails(invalid, "audit_trustpolicy.json", Recipe.S1, ReasonCode.MALFORMED),
        // 4.6 signed shortly before the certificate expired, no timestamp
        fails(expiredCertificate, "trustpolicy.json", Recipe.S3, ReasonCode.EXPIRED),
        ok(expiredCertificate, "permissive_trustpolicy.json", Recipe.S3),
        ok(expiredCertificate, "audit_trustpolicy.json", Recipe.S3),
        ok(expiredCertificate, "override_strict_trustpolicy.json", Recipe.S3),
        fails(expiredCertificate, "trustpolicy.json", Recipe.S1, ReasonCode.UNTRUSTED_SIGNER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void fixture_custodyVerify_reachesNotationsOutcome(Scenario s) throws Exception {
    SignatureReport report = verify(s.layout(), s.policy(), s.recipe());

    assertEquals(s.outcome(), report.outcome(), () -> describe(report));
    assertEquals(IMAGE, report.resolved().digest());
    if (s.reason() != null) {
      for (Evidence e : report.examined()) {
        assertEquals(Optional.of(s.reason()), e.failure(), () -> describe(report));
      }
    }
  }

  @Test
  void validSignature_strict_evidenceNamesTheE2eCertificateAndSigningTime() throws Exception {
    SignatureReport report = verify("e2e-valid-signature", "trustpolicy.json", Recipe.S1);

    Evidence e = NotationTestSupport.only(report);
    assertEquals(Optional.of(SignatureFormat.NOTATION), e.format());
    assertEquals(
        Digest.parse("sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f"),
        e.ref());
    assertEquals(Optional.of(java.time.Instant.parse("2023-06-27T05:30:33Z")), e.signedTime());
    assertEquals(
        Optional.of("CN=e2e,O=Notary,L=Seattle,ST=WA,C=US"),
        e.verifiedBy().orElseThrow().subject());
    assertEquals(
        Optional.of(
            Digest.parse(
                "sha256:e38aea13f2b051f7183cca64a51ee676f4d4456f41d9fecf15eb367efc7343b9")),
        e.verifiedBy().orElseThrow().rootFingerprint());
  }

  @Test
  void multipleSignatures_bothFoundThroughSubject_secondUntrusted() throws Exception {
    SignatureReport report = verify("e2e-valid-multiple-signatures", "trustpolicy.json", Recipe.S1);

    assertEquals(2, report.examined().size(), () -> describe(report));
    Evidence good = evidence(report, "sha256:90ceaff2");
    Evidence other = evidence(report, "sha256:c3ebe4a2");
    assertTrue(good.isVerified());
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), other.failure());
    assertTrue(
        other.failureDetail().contains("does not contain any trusted certificate"),
        other.failureDetail());
  }

  @Test
  void expiredSignature_strict_detailSaysDigitalSignatureHasExpired() throws Exception {
    SignatureReport report = verify("e2e-expired-signature", "trustpolicy.json", Recipe.S1);

    String detail = NotationTestSupport.only(report).failureDetail();
    assertTrue(detail.contains("expiry check failed: digital signature has expired"), detail);
  }

  @Test
  void expiredCertificate_strict_detailNamesTheCertificateValidity() throws Exception {
    SignatureReport report = verify("e2e-with-expired-cert", "trustpolicy.json", Recipe.S3);

    String detail = NotationTestSupport.only(report).failureDetail();
    assertTrue(detail.contains("authenticTimestamp check failed"), detail);
    assertTrue(detail.contains("2023-06-27T06:10:00Z"), detail);
  }

  @Test
  void invalidSignature_strict_detailSaysTheLayerIsNotAnEnvelope() throws Exception {
    SignatureReport report = verify("e2e-invalid-signature", "trustpolicy.json", Recipe.S1);

    String detail = NotationTestSupport.only(report).failureDetail();
    assertTrue(detail.contains("is not a Notary envelope"), detail);
    assertTrue(detail.contains("application/vnd.oci.image.layer.v1.tar"), detail);
  }

  /**
   * Level {@code skip}, as notation: "Trust policy is configured to skip signature verification",
   * success without reading any signature, whether the image is signed, unsigned or carries a
   * broken signature (fixtures README §4.1, §4.5). Custody's outcome is SKIPPED, which passes, and
   * no signature is listed as verified.
   */
  @ParameterizedTest
  @ValueSource(strings = {"e2e-valid-signature", "e2e", "e2e-invalid-signature"})
  void skipLevel_anyImage_skippedPassesWithoutVerifiedSignature(String layout) throws Exception {
    SignatureReport report = verify(layout, "skip_trustpolicy.json", Recipe.S1);

    assertEquals(SignatureOutcome.SKIPPED, report.outcome(), () -> describe(report));
    assertTrue(report.passed());
    assertTrue(report.examined().stream().noneMatch(Evidence::isVerified), describe(report));
    assertTrue(
        report.message().contains("is configured to skip signature verification (level skip)")
            && report.message().endsWith("; no signature was verified"),
        report.message());
  }

  @Test
  void validSignature_e2eCertificateAsTrustedSigner_verifiedWithoutTrustPolicy() throws Exception {
    ImageReference image = copy("e2e-valid-signature");
    Bytes root =
        Bytes.of(
            java.util.Base64.getMimeDecoder()
                .decode(
                    Files.readString(fixtures().resolve("localkeys/e2e.crt"))
                        .replaceAll("-----[A-Z ]+-----", "")));

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(
                    List.of(
                        dev.custody.policy.TrustedSigner.certificate(
                            "e2e", List.of(root), "CN=e2e,O=Notary,L=Seattle,ST=WA,C=US")))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
  }

  @Test
  void unsignedE2e_signedByCustodyWithE2eKey_verifiedWithNotationsPolicyAndStore()
      throws Exception {
    ImageReference image = copy("e2e");
    Signer signer =
        PrivateKeys.read(
                Files.readAllBytes(fixtures().resolve("localkeys/e2e.key")),
                "e2e.key",
                PasswordSource.none())
            .signer(SignatureAlgorithm.RSA_PSS_SHA256);
    Bytes certificate =
        Bytes.of(
            java.util.Base64.getMimeDecoder()
                .decode(
                    Files.readString(fixtures().resolve("localkeys/e2e.crt"))
                        .replaceAll("-----[A-Z ]+-----", "")));

    custody.sign(
        image,
        signer,
        SignOptions.builder()
            .format(SignatureFormat.NOTATION)
            .certificateChain(List.of(certificate))
            .build());
    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .notaryTrust(fixtures().resolve("trustpolicies/trustpolicy.json"), store(Recipe.S1))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
  }

  private SignatureReport verify(String layout, String policy, Recipe recipe) throws Exception {
    return custody.verify(
        copy(layout),
        VerifyOptions.builder()
            .notaryTrust(fixtures().resolve("trustpolicies").resolve(policy), store(recipe))
            .build());
  }

  private static Evidence evidence(SignatureReport report, String refPrefix) {
    return report.examined().stream()
        .filter(e -> e.ref().toString().startsWith(refPrefix))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no signature " + refPrefix + ": " + describe(report)));
  }

  /**
   * Copies a fixture layout (README §7: never write into the fixtures) and names its {@code v1}.
   */
  private ImageReference copy(String name) throws IOException {
    Path source = fixtures().resolve("oci_layout").resolve(name);
    if (!Files.isRegularFile(source.resolve("index.json"))) {
      fail("notation fixture layout missing: " + source);
    }
    Path target = temp.resolve("layout-" + name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return ImageReference.parse("oci:" + target + ":v1");
  }

  /** Builds a README §6 trust store: the recipe's certificate file in {@code x509/ca/e2e/}. */
  private Path store(Recipe recipe) throws IOException {
    Path root = temp.resolve("truststore-" + recipe);
    Path dir = Files.createDirectories(root.resolve("x509").resolve("ca").resolve("e2e"));
    Path source = fixtures().resolve(recipe.file);
    if (!Files.exists(dir.resolve(source.getFileName()))) {
      Files.copy(source, dir.resolve(source.getFileName()));
    }
    return root;
  }

  /** The fixtures folder, found from the repository root; fails clearly when missing. */
  private static Path fixtures() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("signing-core"))) {
        Path fixtures = dir.resolve(FIXTURES).normalize();
        if (!Files.isRegularFile(fixtures.resolve("README.md"))) {
          fail(
              "notation fixtures missing: expected "
                  + fixtures
                  + " ("
                  + FIXTURES
                  + " from "
                  + dir
                  + ")");
        }
        return fixtures;
      }
    }
    return fail("cannot find the repository root above " + Paths.get("").toAbsolutePath());
  }
}
