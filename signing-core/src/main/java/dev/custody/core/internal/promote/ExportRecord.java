package dev.custody.core.internal.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.attest.LayoutSource;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.Optional;

/**
 * The source repository {@code custody export} records in a layout (POLICY.md "Scopes": a layout
 * reference matches the source repository that export recorded): the annotation {@value
 * #SOURCE_ANNOTATION} on the image's entry in {@code index.json}, whose value is {@code HOST/REPO}
 * in normalised form ({@code docker.io/library/ubuntu}). One layout may hold several exported
 * images, each with its own record.
 *
 * <p>The record is not signed and is no evidence: it only decides which policy scopes govern the
 * layout reference; every signature and attestation is still verified against the policy's signers
 * and bound to the digest. Stateless.
 */
public final class ExportRecord {
  /** The index.json entry annotation naming the repository an exported image came from. */
  public static final String SOURCE_ANNOTATION = "dev.custody.source";

  private ExportRecord() {}

  /**
   * Records {@code repository} as the source of the manifest {@code digest} in {@code layout}.
   *
   * @throws StoreException if the layout does not list the manifest or the edit fails
   */
  static void record(LayoutStore layout, Digest digest, String repository) throws StoreException {
    requireNonNull(repository, "repository");
    if (!isRepository(repository)) {
      throw new IllegalArgumentException("not a HOST/REPO repository: " + repository);
    }
    layout.annotate(digest, SOURCE_ANNOTATION, repository);
  }

  /**
   * {@return the hook that reads the record of the image {@code image} names in a layout}; for a
   * layout reference without tag or digest, the layout's only manifest
   *
   * @param image the layout reference being verified
   */
  public static LayoutSource forImage(ImageReference image) {
    requireNonNull(image, "image");
    return store -> read(store, image);
  }

  /**
   * {@return the source repository recorded for {@code image} in the layout {@code store}}
   *
   * @throws InvalidInputException if a record exists but is not a {@code HOST/REPO} repository
   * @throws StoreException if the reference does not resolve
   */
  static Optional<String> read(ArtifactStore store, ImageReference image) throws CustodyException {
    Descriptor entry = store.resolve(image.tagOrDigest());
    Optional<String> recorded = entry.annotation(SOURCE_ANNOTATION);
    if (recorded.isPresent() && !isRepository(recorded.get())) {
      String value = recorded.get();
      throw new InvalidInputException(
          "read the export record of "
              + image
              + ": annotation "
              + SOURCE_ANNOTATION
              + " is not a repository (expected HOST/REPO, got \""
              + (value.length() > 80 ? value.substring(0, 80) + "…" : value)
              + "\")");
    }
    return recorded;
  }

  /** {@return whether {@code text} is exactly a normalised registry repository} */
  static boolean isRepository(String text) {
    // Equal to its own context: no tag, no digest, already normalised.
    return !text.contains("@")
        && ImageReference.tryParse(text)
            .filter(r -> !r.isLayout() && r.context().equals(text))
            .isPresent();
  }
}
