package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.internal.EvidenceAccess;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A provider that records what the CLI asked of it and answers fixed results: only for what the
 * CLI layer itself decides (option mapping, output, exit codes). Real signing and verification
 * are tested end to end on real layouts.
 */
final class RecordingProvider implements CustodyProvider {
  static final Descriptor IMAGE =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2,\"cli\":1}"));

  final List<SignOptions> signed = new ArrayList<>();
  final List<VerifyOptions> verified = new ArrayList<>();
  final List<StoreOptions> storeOptions = new ArrayList<>();
  private final Function<ImageReference, SignatureReport> report;

  RecordingProvider(Function<ImageReference, SignatureReport> report) {
    this.report = report;
  }

  RecordingProvider() {
    this(image -> { throw new AssertionError("verify not expected"); });
  }

  /** {@return a Custody using this provider (and the real key providers)} */
  Custody custody(StoreOptions options) {
    storeOptions.add(options);
    return Custody.builder().provider(this).storeOptions(options).build();
  }

  @Override
  public ArtifactStore open(ImageReference reference, StoreOptions options) {
    throw new AssertionError("open not expected");
  }

  @Override
  public SignResult sign(ImageReference image, Signer signer, SignOptions options, StoreOptions storeOptions) {
    signed.add(options);
    Digest digest = IMAGE.digest();
    return new SignResult(
        image,
        IMAGE,
        List.of(
            new StoredSignature(
                digest, EvidenceStorage.COSIGN_SIG, digest.toTagForm() + ".sig", Digest.of(Bytes.utf8("sig")))));
  }

  @Override
  public SignatureReport verify(ImageReference image, VerifyOptions options, StoreOptions storeOptions) {
    verified.add(options);
    return report.apply(image);
  }

  /** {@return a verified cosign signature by the key with {@code fingerprint}} */
  static Evidence verifiedBy(Digest fingerprint) {
    EvidenceAccess.Draft draft = draft();
    draft.verifiedBy = SignerIdentity.ofKey(fingerprint);
    draft.content = Bytes.utf8("{}");
    return EvidenceAccess.get().mint(draft);
  }

  /** {@return a cosign signature that failed with {@code reason}} */
  static Evidence failed(ReasonCode reason, String detail) {
    EvidenceAccess.Draft draft = draft();
    draft.failure = reason;
    draft.failureDetail = detail;
    return EvidenceAccess.get().mint(draft);
  }

  private static EvidenceAccess.Draft draft() {
    EvidenceAccess.Draft draft = new EvidenceAccess.Draft();
    draft.kind = EvidenceKind.SIGNATURE;
    draft.format = SignatureFormat.COSIGN;
    draft.subject = IMAGE.digest();
    draft.storage = EvidenceStorage.COSIGN_SIG;
    draft.ref = Digest.of(Bytes.utf8("sig"));
    return draft;
  }
}
