package dev.custody.core.internal.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.core.internal.attach.SignatureScheme;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of a signature (ARCHITECTURE.md): resolve the reference once, then sign by digest; with
 * {@code recursive}, sign the index and every manifest it lists. Thread-safe.
 */
public final class SignService {
  private static final Logger LOG = LoggerFactory.getLogger(SignService.class);

  private final SignatureSchemes schemes;

  /** @param schemes the available schemes */
  public SignService(SignatureSchemes schemes) {
    this.schemes = requireNonNull(schemes, "schemes");
  }

  /**
   * Signs the image in {@code store}.
   *
   * @param store the repository holding the image
   * @param image the reference as given
   * @param signer the key
   * @param options what and how to sign
   * @return the result
   * @throws CustodyException if resolving, signing or storing fails
   */
  public SignResult sign(ArtifactStore store, ImageReference image, Signer signer, SignOptions options)
      throws CustodyException {
    SignatureScheme scheme = schemes.forFormat(options.format());
    Descriptor resolved = store.resolve(image.tagOrDigest());
    ImageReference pinned = image.withDigest(resolved.digest());
    Manifest manifest = store.manifest(resolved.digest());
    List<StoredSignature> stored = new ArrayList<>(scheme.sign(store, pinned, manifest, signer, options));
    if (options.recursive() && manifest instanceof ImageIndex) {
      for (Descriptor child : ((ImageIndex) manifest).manifests()) {
        Manifest childManifest = store.manifest(child.digest());
        stored.addAll(scheme.sign(store, pinned.pinned(child.digest()), childManifest, signer, options));
      }
    }
    LOG.debug("signed {} ({}): {} signature(s)", image, resolved.digest(), stored.size());
    return new SignResult(image, resolved, stored);
  }
}
