package dev.custody.core.internal.attach.cosign;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureImage;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Shared material for the cosign scheme tests: keys per type, a Custody, tag surgery. */
final class CosignFixtures {
  static final Custody CUSTODY =
      Custody.builder().storeOptions(StoreOptions.defaults().withCreateLayouts()).build();

  private static final Map<KeyType, SigningKey> KEYS = new EnumMap<>(KeyType.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private CosignFixtures() {}

  /** {@return one key per type for the whole run (RSA generation is slow)} */
  static synchronized SigningKey key(KeyType type) {
    return KEYS.computeIfAbsent(type, CosignFixtures::fresh);
  }

  /** {@return a key of its own} */
  static SigningKey fresh(KeyType type) {
    try {
      return KeyGenerators.generate(type, RANDOM);
    } catch (KeyException e) {
      throw new AssertionError(e);
    }
  }

  static TrustedSigner trusted(String name, SigningKey key) {
    return TrustedSigner.publicKey(name, key.publicKey().spki());
  }

  static TrustedSigner trusted(String name, Signer signer) {
    return TrustedSigner.publicKey(name, signer.publicKey().spki());
  }

  static VerifyOptions trusting(TrustedSigner... signers) {
    return VerifyOptions.builder().signers(List.of(signers)).build();
  }

  static SignatureReport verify(ImageReference image, VerifyOptions options) throws Exception {
    return CUSTODY.verify(image, options);
  }

  /** {@return the failure reasons of the examined candidates, in order} */
  static List<Optional<ReasonCode>> reasons(SignatureReport report) {
    return report.examined().stream().map(Evidence::failure).collect(Collectors.toList());
  }

  /** {@return the signature image at the subject's {@code .sig} tag} */
  static ImageManifest signatureImage(ArtifactStore store, Digest subject) throws Exception {
    Descriptor tagged = store.resolve(CosignTags.signatureTag(subject));
    return (ImageManifest) store.manifest(tagged.digest());
  }

  /** Replaces the subject's {@code .sig} image with one holding exactly {@code layers}. */
  static void rewriteSignatureTag(ArtifactStore store, Digest subject, List<Descriptor> layers)
      throws Exception {
    SignatureImage image = SignatureImage.of(layers);
    store.putBlob(MediaType.OCI_CONFIG, image.config());
    store.putManifest(image.manifest(), CosignTags.signatureTag(subject));
  }

  /** {@return a copy of {@code content} with bit {@code bit} (counted over all bytes) flipped} */
  static Bytes flipBit(Bytes content, int bit) {
    byte[] bytes = content.toByteArray();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(bytes);
  }

  static LayoutStore open(java.nio.file.Path layout) throws Exception {
    return LayoutStore.open(layout, false);
  }
}
