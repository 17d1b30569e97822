package dev.custody.core.internal.policy;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, identities and evidence for policy tests. */
final class PolicyFixtures {
  static final String SLSA = SignedTimes.SLSA_PROVENANCE_V1;
  static final String VULN = SignedTimes.COSIGN_VULN_V1;
  static final String APPROVAL = SignedTimes.APPROVAL_V1;
  static final Digest IMAGE = Digest.of(Bytes.utf8("image manifest"));
  static final Digest OTHER = Digest.of(Bytes.utf8("another manifest"));

  private PolicyFixtures() {}

  /** A fresh P-256 public key as DER SPKI. */
  static Bytes newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return Bytes.of(g.generateKeyPair().getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String pem(String type, Bytes der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der.toByteArray())
        + "\n-----END " + type + "-----\n";
  }

  static void writePublicKey(Path file, Bytes spki) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, pem("PUBLIC KEY", spki));
  }

  /** A self-signed CA certificate (DER). */
  static Bytes newRootCertificate(String dn) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name(dn);
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), name, kp.getPublic());
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
      return Bytes.of(b.build(signer).getEncoded());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static SignerIdentity identity(TrustedSigner signer) {
    return SignerIdentity.ofKey(signer.keyFingerprint().get());
  }

  static Bytes approval(String approver, String approvedAt) {
    return Bytes.utf8("{\"approver\":\"" + approver + "\",\"approvedAt\":\"" + approvedAt + "\",\"environment\":\"prod\"}");
  }

  static Bytes provenance(String builder, String ref, String finishedOn) {
    return Bytes.utf8("{\"buildDefinition\":{\"buildType\":\"https://example/bt\",\"externalParameters\":{\"ref\":\""
        + ref + "\"}},\"runDetails\":{\"builder\":{\"id\":\"" + builder + "\"},\"metadata\":{\"finishedOn\":\""
        + finishedOn + "\"}}}");
  }

  static Bytes scan(int critical, String finishedOn) {
    return Bytes.utf8("{\"scanner\":{\"uri\":\"pkg:trivy\",\"result\":{\"summary\":{\"critical\":" + critical
        + "}}},\"metadata\":{\"scanStartedOn\":\"" + finishedOn + "\",\"scanFinishedOn\":\"" + finishedOn + "\"}}");
  }

  static Digest ref(String seed) {
    return Digest.of(Bytes.utf8(seed));
  }

  static Evidence attestation(String type, TrustedSigner by, Bytes predicate, String refSeed) {
    return VerifiedEvidence.attestation(type, identity(by), IMAGE, EvidenceStorage.COSIGN_ATT, ref(refSeed), predicate);
  }

  static Evidence cosign(TrustedSigner by, Optional<Instant> time, String refSeed) {
    String payload = "{\"critical\":{\"identity\":{\"docker-reference\":\"r.example/app\"},\"image\":{\"docker-manifest-digest\":\""
        + IMAGE + "\"},\"type\":\"cosign container image signature\"},\"optional\":"
        + time.map(t -> "{\"timestamp\":" + t.getEpochSecond() + "}").orElse("null") + "}";
    return VerifiedEvidence.cosignSignature(identity(by), IMAGE, EvidenceStorage.COSIGN_SIG, ref(refSeed), Bytes.utf8(payload));
  }

  static Evidence failedAttestation(String type, ReasonCode reason, String refSeed) {
    return VerifiedEvidence.failed(EvidenceKind.ATTESTATION, Optional.<SignatureFormat>empty(), Optional.of(type),
        Optional.empty(), IMAGE, EvidenceStorage.REFERRER_BUNDLE, ref(refSeed), reason, "envelope " + reason);
  }
}
