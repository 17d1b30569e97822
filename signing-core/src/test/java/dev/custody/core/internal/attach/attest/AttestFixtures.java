package dev.custody.core.internal.attach.attest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.core.internal.attach.TagImageAppender;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.core.internal.formats.intoto.ApprovalPredicate;
import dev.custody.core.internal.formats.intoto.CosignVulnV1;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.ResourceDescriptor;
import dev.custody.core.internal.formats.intoto.SlsaProvenanceV1;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Condition;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.Scalar;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Keys, predicates, the POLICY.md-like chain policy and a layout to attest, for the tests here. */
final class AttestFixtures {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String BUILDER = "https://ci.example.com/builder/v1";
  static final String SLSA = PredicateTypes.SLSA_PROVENANCE_V1;
  static final String VULN = PredicateTypes.COSIGN_VULN_V1;
  static final String APPROVAL = PredicateTypes.CUSTODY_APPROVAL_V1;
  static final String COSIGN_CUSTOM = PredicateTypes.COSIGN_CUSTOM_V1;

  final Signer ci = newSigner();
  final Signer scanner = newSigner();
  final Signer alice = newSigner();
  final Signer bob = newSigner();
  final Signer carol = newSigner();
  final Signer stranger = newSigner();

  final Path layout;
  final Custody custody = Custody.builder().clock(CLOCK).build();

  AttestFixtures(Path dir) {
    this.layout = TestImages.writeLayout(dir, "v1", TestImages.image("app"));
  }

  static Signer newSigner() {
    try {
      return KeyGenerators.generate(KeyType.EC_P256, new SecureRandom()).signer();
    } catch (dev.custody.sign.KeyException e) {
      throw new AssertionError(e);
    }
  }

  static TrustedSigner trusted(String name, Signer signer) {
    return TrustedSigner.publicKey(name, signer.publicKey().spki());
  }

  ImageReference image() {
    return ImageReference.parse("oci:" + layout + ":v1");
  }

  Digest digest() throws Exception {
    return custody.resolve(image()).digest();
  }

  LayoutStore store() throws Exception {
    return LayoutStore.open(layout, false);
  }

  /**
   * The chain of POLICY.md without the release signature: build, scan (7d, no criticals), 2 of 3
   * approvals.
   */
  CustodyPolicy policy() {
    return CustodyPolicy.builder()
        .name("payments-prod")
        .scope("oci:*")
        .signer(trusted("ci", ci))
        .signer(trusted("scanner", scanner))
        .signer(trusted("alice", alice))
        .signer(trusted("bob", bob))
        .signer(trusted("carol", carol))
        .policyDigest(Digest.of(Bytes.utf8("policy")))
        .stage(
            Stage.builder("build")
                .attestation(SLSA)
                .signers(List.of("ci"))
                .condition(Condition.equalTo("/runDetails/builder/id", Scalar.string(BUILDER)))
                .condition(
                    Condition.matches(
                        "/buildDefinition/externalParameters/ref", "refs/(heads/main|tags/v.*)"))
                .build())
        .stage(
            Stage.builder("scan")
                .attestation(VULN)
                .signers(List.of("scanner"))
                .maxAge(Duration.ofDays(7))
                .condition(Condition.atMost("/scanner/result/summary/critical", BigDecimal.ZERO))
                .build())
        .stage(
            Stage.builder("approve")
                .attestation(APPROVAL)
                .signers(List.of("alice", "bob", "carol"))
                .threshold(2)
                .build())
        .build();
  }

  static Bytes provenance(String finishedOn) {
    ObjectNode external = JsonNodeFactory.instance.objectNode();
    external.put("repository", "https://git.example.com/team/app");
    external.put("ref", "refs/heads/main");
    return Json.write(
        SlsaProvenanceV1.builder()
            .buildType("https://custody.example/buildtypes/container/v1")
            .externalParameters(external)
            .builderId(BUILDER)
            .finishedOn(Instant.parse(finishedOn))
            .build());
  }

  static Bytes scan(int critical, String finishedOn) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.putObject("summary").put("critical", critical);
    Instant finished = Instant.parse(finishedOn);
    return Json.write(
        CosignVulnV1.builder()
            .scanner("pkg:github/aquasecurity/trivy", "0.50.0")
            .result(result)
            .scanTimes(finished.minusSeconds(60), finished)
            .build());
  }

  static Bytes approval(String approver, String at) {
    return Json.write(ApprovalPredicate.of(approver, Instant.parse(at)).toJson());
  }

  void attest(Signer signer, String type, Bytes predicate) throws Exception {
    attest(signer, type, predicate, ReferrersMode.LEGACY);
  }

  void attest(Signer signer, String type, Bytes predicate, ReferrersMode mode) throws Exception {
    custody.attest(
        image(), signer, type, predicate, AttestOptions.builder().referrersMode(mode).build());
  }

  /** Attests the good chain: build, scan, alice and bob approving, in time order. */
  void goodChain() throws Exception {
    attest(ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    attest(scanner, VULN, scan(0, "2026-11-21T00:00:00Z"), ReferrersMode.OCI_1_1);
    attest(alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    attest(bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"), ReferrersMode.OCI_1_1);
  }

  /** {@return the statement bytes Custody would sign about {@code subject}} */
  static Bytes statement(Digest subject, String type, Bytes predicate) throws Exception {
    return StatementCodec.write(
        Statement.of(
            List.of(ResourceDescriptor.ofImage("_", subject)),
            type,
            (ObjectNode) Json.read(predicate, "predicate")));
  }

  /** {@return an envelope of {@code payloadType} over {@code payload}, signed by {@code signer}} */
  static DsseEnvelope envelope(Signer signer, String payloadType, Bytes payload) throws Exception {
    return new DsseEnvelope(
        payloadType,
        payload,
        List.of(DsseSignature.of(signer.sign(Pae.encode(payloadType, payload)))));
  }

  /** Stores raw envelope bytes as one more layer of the image's {@code .att} tag. */
  void appendEnvelope(Bytes envelopeBytes, String claimedType) throws Exception {
    try (LayoutStore store = store()) {
      store.putBlob(SignatureLayer.DSSE_MEDIA_TYPE, envelopeBytes);
      TagImageAppender.append(
          store,
          CosignTags.attestationTag(digest()),
          SignatureLayer.attestation(envelopeBytes, claimedType).build().descriptor());
    }
  }

  void appendEnvelope(DsseEnvelope envelope, String claimedType) throws Exception {
    appendEnvelope(DsseEnvelopeCodec.write(envelope), claimedType);
  }
}
