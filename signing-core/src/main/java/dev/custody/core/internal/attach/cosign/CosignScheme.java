package dev.custody.core.internal.attach.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.attach.SignatureScheme;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.pki.SignerCertificates;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.policy.Evidence;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.VerifyOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

/**
 * cosign-format signatures (FORMATS.md §3). Signing writes the simple-signing payload for the
 * pinned digest, with the {@code -a} annotations in {@code optional}, signed over its exact bytes
 * with the signer's algorithm, into the legacy {@code .sig} tag ({@link SignatureTagWriter}), or a
 * cosign v3 bundle referrer ({@link BundleReferrerWriter}) for {@code OCI_1_1}. Examination reads
 * both storage modes, whichever mode signatures were written in. Thread-safe.
 */
public final class CosignScheme implements SignatureScheme {
  private final Clock clock;
  private final TagLocks tagLocks;

  /** The key of the signing time in the payload's {@code optional} map. */
  static final String TIMESTAMP = "timestamp";

  /**
   * @param clock the signing time recorded in legacy payloads and annotated on bundle referrers
   */
  public CosignScheme(Clock clock) {
    this(clock, new TagLocks());
  }

  private CosignScheme(Clock clock, TagLocks tagLocks) {
    this.clock = requireNonNull(clock, "clock");
    this.tagLocks = tagLocks;
  }

  /** The same tag locks, so writers of one provider still serialise whatever clock they use. */
  @Override
  public CosignScheme withClock(Clock value) {
    return new CosignScheme(value, tagLocks);
  }

  @Override
  public SignatureFormat format() {
    return SignatureFormat.COSIGN;
  }

  @Override
  public List<StoredSignature> sign(
      ArtifactStore store,
      ImageReference image,
      Manifest subject,
      Signer signer,
      SignOptions options)
      throws CustodyException {
    requireNonNull(store, "store");
    requireNonNull(image, "image");
    requireNonNull(subject, "subject");
    requireNonNull(signer, "signer");
    requireNonNull(options, "options");
    switch (options.referrersMode()) {
      case LEGACY:
        return List.of(signLegacy(store, image, subject, signer, options));
      case OCI_1_1:
        if (!options.certificateChain().isEmpty()) {
          // The bundle Custody writes is key-only (a public-key hint); dropping the chain silently
          // would leave a signature that certificate signers can never accept.
          throw new SigningException(
              "sign "
                  + image
                  + ": a certificate chain is stored only with legacy cosign signatures; sign with"
                  + " --registry-referrers-mode legacy, or without --certificate");
        }
        return List.of(
            new BundleReferrerWriter(store)
                .write(subject, signer, options.annotations(), clock.instant()));
      default:
        throw new AssertionError(options.referrersMode());
    }
  }

  private StoredSignature signLegacy(
      ArtifactStore store,
      ImageReference image,
      Manifest subject,
      Signer signer,
      SignOptions options)
      throws CustodyException {
    // cosign's identity: the repository without tag (FORMATS.md §3.3)
    Bytes payload =
        SimpleSigningPayload.buildWithOptional(
            image.context(), subject.digest(), optional(options.annotations()));
    Bytes signature = signer.sign(payload);
    SignatureLayer.Builder layer = SignatureLayer.signature(payload, signature);
    if (!options.certificateChain().isEmpty()) {
      // the signer's certificate and chain go into the layer's annotations (§3.2), leaf first
      SignerCertificates.of(options.certificateChain(), signer, "sign").annotate(layer);
    }
    return new SignatureTagWriter(store, tagLocks)
        .append(subject.digest(), layer.build(), payload, signer.publicKey());
  }

  /**
   * The payload's {@code optional} map: the {@code -a} annotations plus the signing time as
   * {@code timestamp} (unix seconds), as containers/image writes it (FORMATS.md §3.3). The time is
   * signed, so custody policies can order and age signatures (POLICY.md "Signed time"); without it
   * a signature stage after a dated stage could never be satisfied. cosign and skopeo ignore the
   * extra key. Signing the same image twice in one second yields the same payload, which the tag
   * writer recognises as a duplicate.
   */
  private Map<String, JsonNode> optional(Map<String, String> annotations) throws SigningException {
    if (annotations.containsKey(TIMESTAMP)) {
      throw new SigningException(
          "sign: the annotation \"" + TIMESTAMP + "\" is reserved for the signing time Custody records");
    }
    Map<String, JsonNode> optional = new TreeMap<>();
    annotations.forEach((k, v) -> optional.put(k, TextNode.valueOf(v)));
    optional.put(TIMESTAMP, LongNode.valueOf(clock.instant().getEpochSecond()));
    return optional;
  }

  @Override
  public List<Evidence> examine(
      ArtifactStore store,
      ImageReference image,
      Descriptor subject,
      VerifyOptions options,
      CandidateBudget budget)
      throws CustodyException {
    requireNonNull(store, "store");
    requireNonNull(subject, "subject");
    requireNonNull(options, "options");
    requireNonNull(budget, "budget");
    TrustedKeys keys = TrustedKeys.of(options.signers(), clock.instant());
    List<Evidence> evidence =
        new ArrayList<>(
            new SignatureTagReader(store, keys, options.requiredAnnotations(), budget)
                .read(subject.digest()));
    evidence.addAll(
        new BundleReferrerReader(store, keys, options.requiredAnnotations(), budget)
            .read(subject.digest()));
    return evidence;
  }

  @Override
  public String toString() {
    return "CosignScheme";
  }
}
