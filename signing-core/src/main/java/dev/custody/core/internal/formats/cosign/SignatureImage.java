package dev.custody.core.internal.formats.cosign;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.ManifestWriter;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cosign legacy signature or attestation image (FORMATS.md §3.2): an OCI manifest with a
 * synthetic config and one layer per signature, as go-containerregistry serialises it when layers
 * are appended to an empty image. Pure: the caller uploads {@link #config()}, the layer blobs and
 * then {@link #manifest()}, and re-reads to make sure a concurrent signer's layer survived.
 */
public final class SignatureImage {
  /** cosign refuses signature images with more layers than this. */
  public static final int MAX_LAYERS = 1000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Bytes config;
  private final ImageManifest manifest;

  private SignatureImage(Bytes config, ImageManifest manifest) {
    this.config = config;
    this.manifest = manifest;
  }

  /**
   * Builds the image holding exactly {@code layers}.
   *
   * @param layers the layer descriptors, in order, at least one
   * @return the image
   * @throws InvalidInputException with reason LIMIT_EXCEEDED past {@link #MAX_LAYERS} layers
   */
  public static SignatureImage of(List<Descriptor> layers) throws InvalidInputException {
    List<Descriptor> copy = List.copyOf(layers);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a signature image needs at least one layer");
    }
    if (copy.size() > MAX_LAYERS) {
      throw new InvalidInputException(
          InvalidInputException.Reason.LIMIT_EXCEEDED,
          "build signature image: too many layers (expected at most "
              + MAX_LAYERS
              + ", got "
              + copy.size()
              + ")");
    }
    Bytes config = config(copy);
    Descriptor configDescriptor = Descriptor.ofContent(MediaType.OCI_CONFIG, config);
    ImageManifest manifest =
        ManifestWriter.write(
            ManifestWriter.KeyOrder.GO_CONTAINERREGISTRY,
            configDescriptor,
            copy,
            Optional.empty(),
            Optional.empty(),
            Map.of());
    return new SignatureImage(config, manifest);
  }

  /**
   * Appends one layer to the layers of an existing image (or of none). A layer identical to an
   * existing one (media type, digest, size and annotations, the check containers/image makes) is
   * not added twice.
   *
   * @param existing the layers currently in the tag's manifest; possibly empty
   * @param layer the new layer
   * @return the image to push
   * @throws InvalidInputException with reason LIMIT_EXCEEDED past {@link #MAX_LAYERS} layers
   */
  public static SignatureImage append(List<Descriptor> existing, Descriptor layer)
      throws InvalidInputException {
    requireNonNull(layer, "layer");
    List<Descriptor> all = new ArrayList<>(existing);
    if (!all.contains(layer)) {
      all.add(layer);
    }
    return of(all);
  }

  /**
   * The synthetic config go-containerregistry writes for an empty image with these layers appended:
   * one {@code history} entry and one {@code diff_id} (the layer digest, as layers are
   * uncompressed) per layer.
   *
   * @param layers the layers
   * @return the exact config bytes
   */
  public static Bytes config(List<Descriptor> layers) {
    ObjectNode root = NODES.objectNode();
    root.put("architecture", "");
    root.put("created", ZERO_TIME);
    ArrayNode history = root.putArray("history");
    for (int i = 0; i < layers.size(); i++) {
      history.addObject().put("created", ZERO_TIME);
    }
    root.put("os", "");
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.digest().toString()));
    root.putObject("config");
    return Json.write(root);
  }

  /** {@return the layers of {@code manifest} with media type {@code type}; others are ignored} */
  public static List<Descriptor> layersOfType(ImageManifest manifest, MediaType type) {
    requireNonNull(type, "type");
    return manifest.layers().stream()
        .filter(l -> l.mediaType().equals(type))
        .collect(Collectors.toUnmodifiableList());
  }

  /** {@return the config blob to upload} */
  public Bytes config() {
    return config;
  }

  /** {@return the manifest, with its exact bytes} */
  public ImageManifest manifest() {
    return manifest;
  }
}
