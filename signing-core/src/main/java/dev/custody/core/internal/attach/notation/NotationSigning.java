package dev.custody.core.internal.attach.notation;

import dev.custody.core.internal.pki.CertificateIdentities;
import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.notary.JwsAlgorithm;
import dev.custody.core.internal.formats.notary.NotaryHeaders;
import dev.custody.core.internal.formats.notary.NotaryJwsBuilder;
import dev.custody.core.internal.formats.notary.NotaryPayload;
import dev.custody.core.internal.formats.notary.NotarySignatureManifest;
import dev.custody.core.internal.formats.notary.SignedNotaryJws;
import dev.custody.core.internal.notary.verify.CodeSigningChainRules;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.EvidenceStorage;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes one Notary Project signature (FORMATS.md §5.1–§5.3, §5.8): the payload {@code
 * {"targetArtifact": descriptor}} (with the sign options' annotations as its user metadata, as
 * {@code notation sign --user-metadata} does), a JWS envelope with scheme {@code notary.x509}, the
 * signing time now in whole seconds and the optional expiry, and the signer's certificate chain in
 * {@code x5c}; then the signature manifest that refers to the image. Before signing, the chain is
 * checked: the leaf must carry the signer's own public key, the signer's algorithm must be the one
 * Notary fixes for that key (§5.5), and the chain must meet the code-signing rules, so that Custody
 * never stores a signature every verifier would reject.
 */
final class NotationSigning {
  private static final MediaType JWS = MediaType.of(NotaryHeaders.JWS_MEDIA_TYPE);

  private final Clock clock;

  NotationSigning(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The signature and its manifest, not yet stored.
   *
   * @param envelope the envelope bytes
   * @param manifest the signature manifest
   */
  record Prepared(Bytes envelope, ImageManifest manifest) {}

  /**
   * Signs {@code subject}.
   *
   * @param image the reference, pinned to the subject's digest (for messages)
   * @param subject the manifest being signed
   * @param signer the key
   * @param options the certificate chain, expiry and annotations
   * @return the envelope and manifest
   * @throws CustodyException if the chain is missing or does not fit the key, or signing fails
   */
  Prepared prepare(ImageReference image, Manifest subject, Signer signer, SignOptions options)
      throws CustodyException {
    String action = "sign " + image + " with a Notary signature";
    List<X509Certificate> chain = chain(action, options.certificateChain());
    JwsAlgorithm algorithm = algorithm(action, signer, chain.get(0));
    Optional<String> broken = CodeSigningChainRules.violation(chain, clock.instant());
    if (broken.isPresent()) {
      throw new InvalidInputException(
          action + ": the certificate chain is not valid for Notary code signing: " + broken.get());
    }
    Descriptor target = subject.descriptor();
    Descriptor signed =
        Descriptor.builder(target.mediaType(), target.digest(), target.size())
            .annotations(options.annotations())
            .build();
    Bytes payload;
    try {
      payload = NotaryPayload.build(signed);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(action + ": " + e.getMessage(), e);
    }
    Instant signingTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    NotaryJwsBuilder builder =
        NotaryJwsBuilder.builder()
            .payload(payload)
            .signer(algorithm, signer::sign)
            .certificateChain(chain)
            .signingTime(signingTime)
            .signingAgent(signingAgent());
    options.expiry().ifPresent(e -> builder.expiry(signingTime.plus(e)));
    SignedNotaryJws jws = builder.sign();
    ImageManifest manifest =
        NotarySignatureManifest.build(jws.envelope(), jws.certificates(), signingTime, target);
    return new Prepared(jws.envelope(), manifest);
  }

  /**
   * Stores a prepared signature: the empty config and the envelope first, then the manifest, which
   * the store lists as a referrer of its subject (referrers API, tag-schema fallback, or a layout's
   * index).
   *
   * @param store the repository
   * @param subject the signed manifest's digest
   * @param prepared the signature
   * @return where it is stored
   * @throws CustodyException if the store refuses it
   */
  static StoredSignature store(ArtifactStore store, Digest subject, Prepared prepared)
      throws CustodyException {
    store.putBlob(MediaType.OCI_EMPTY, NotarySignatureManifest.EMPTY_CONFIG);
    store.putBlob(JWS, prepared.envelope());
    Descriptor stored = store.putManifest(prepared.manifest());
    return new StoredSignature(
        subject, EvidenceStorage.NOTATION, stored.digest().toString(), stored.digest());
  }

  private static List<X509Certificate> chain(String action, List<Bytes> der)
      throws InvalidInputException {
    if (der.isEmpty()) {
      throw new InvalidInputException(
          action
              + ": a certificate chain is required (expected the signing certificate, leaf first;"
              + " give --certificate, or create a test certificate with generate-key-pair)");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Bytes d : der) {
      try {
        X509Certificate c =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(d.toByteArray()));
        chain.add(c);
      } catch (CertificateException | RuntimeException e) {
        throw new InvalidInputException(
            action
                + ": certificate "
                + (chain.size() + 1)
                + " of the chain is not a DER X.509 certificate");
      }
    }
    return chain;
  }

  private static JwsAlgorithm algorithm(String action, Signer signer, X509Certificate leaf)
      throws InvalidInputException {
    Bytes leafKey = CertificateIdentities.spki(leaf);
    if (!leafKey.equals(signer.publicKey().spki())) {
      throw new InvalidInputException(
          action
              + ": the signing certificate does not belong to the signing key (expected a"
              + " certificate for key "
              + signer.publicKey().fingerprint()
              + ", got \""
              + JsonView.shorten(CertificateIdentities.subject(leaf))
              + "\" for key "
              + Digest.of(leafKey)
              + ")");
    }
    JwsAlgorithm fromKey;
    try {
      fromKey = JwsAlgorithm.forKey(leaf.getPublicKey());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(Reason.UNSUPPORTED, action + ": " + e.getMessage());
    }
    Optional<JwsAlgorithm> fromSigner =
        signer.algorithm().jwsName().flatMap(JwsAlgorithm::fromJwsName);
    if (fromSigner.isEmpty() || fromSigner.get() != fromKey) {
      throw new InvalidInputException(
          Reason.UNSUPPORTED,
          action
              + ": Notary signs this key with "
              + fromKey.jwsName()
              + " (FORMATS.md §5.5), but the signer uses "
              + signer.algorithm()
              + " (expected "
              + fromKey.jwsName()
              + ", got "
              + signer.algorithm().jwsName().orElse("no JWS algorithm")
              + ")");
    }
    return fromKey;
  }

  private static String signingAgent() {
    String version = NotationSigning.class.getPackage().getImplementationVersion();
    return "custody/" + (version != null ? version : "dev");
  }
}
