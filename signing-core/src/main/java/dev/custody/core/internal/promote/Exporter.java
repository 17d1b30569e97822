package dev.custody.core.internal.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.oci.ImageReference;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code custody export IMAGE oci:DIR} (issue 5, "offline custody"): the {@link CustodyCopier} copy
 * of the image with every attachment into a layout, then the {@link ExportRecord} of the source
 * repository, so that {@code verify}, {@code verify-attestation} and {@code verify-custody} work on
 * the layout with no network, under the policy of the source repository. Stateless.
 */
public final class Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private Exporter() {}

  /**
   * Exports {@code image} from {@code source} to {@code layout}.
   *
   * @param source the store holding the image
   * @param image the image; a tag is resolved once
   * @param layout the destination layout
   * @param target the layout reference; without tag or digest, the image's own tag (if any and
   *     valid in a layout) names it there
   * @return what was copied; its destination is the reference that names the image in the layout
   * @throws CustodyException if reading or writing fails, a bound is exceeded, or a record in a
   *     source layout is malformed
   */
  public static CopyResult export(
      ArtifactStore source, ImageReference image, LayoutStore layout, ImageReference target)
      throws CustodyException {
    return export(source, image, layout, target, CopyListener.none());
  }

  /**
   * Exports {@code image} from {@code source} to {@code layout}, telling {@code listener} about
   * every manifest and blob copied.
   *
   * @param source the store holding the image
   * @param image the image; a tag is resolved once
   * @param layout the destination layout
   * @param target the layout reference, as for {@link #export(ArtifactStore, ImageReference,
   *     LayoutStore, ImageReference)}
   * @param listener hears about each manifest and blob handled, on this thread
   * @return what was copied; its destination is the reference that names the image in the layout
   * @throws CustodyException if reading or writing fails, a bound is exceeded, or a record in a
   *     source layout is malformed
   */
  public static CopyResult export(
      ArtifactStore source,
      ImageReference image,
      LayoutStore layout,
      ImageReference target,
      CopyListener listener)
      throws CustodyException {
    requireNonNull(source, "source");
    requireNonNull(layout, "layout");
    ImageReference destination = withDefaultTag(requireNonNull(target, "target"), image);
    Optional<String> repository =
        image.isLayout() ? ExportRecord.read(source, image) : Optional.of(image.context());
    CopyResult copied = CustodyCopier.copy(source, image, layout, destination, listener);
    if (repository.isPresent()) {
      ExportRecord.record(layout, copied.root().digest(), repository.get());
    }
    LOG.debug(
        "exported {} ({}) to {}, source recorded: {}",
        image,
        copied.root().digest(),
        destination,
        repository.orElse("(none)"));
    return copied;
  }

  private static ImageReference withDefaultTag(ImageReference target, ImageReference image) {
    if (target.tag().isPresent() || target.digest().isPresent() || image.tag().isEmpty()) {
      return target;
    }
    try {
      return target.withTag(image.tag().get());
    } catch (IllegalArgumentException e) {
      return target; // a registry tag that is no layout ref name: left untagged, named by digest
    }
  }
}
