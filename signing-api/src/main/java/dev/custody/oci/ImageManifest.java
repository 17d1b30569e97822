package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image manifest or a Docker v2 schema 2 manifest: a config descriptor and layers, and in
 * OCI 1.1 an optional {@code subject} and {@code artifactType}. Immutable and thread-safe.
 */
public final class ImageManifest implements Manifest {
  private final Bytes raw;
  private final Digest digest;
  private final MediaType mediaType;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final Optional<Descriptor> subject;
  private final Optional<MediaType> artifactType;
  private final Map<String, String> annotations;

  private ImageManifest(Builder b, Bytes raw) {
    this.raw = requireNonNull(raw, "raw");
    this.digest = Digest.of(raw);
    this.mediaType = b.mediaType;
    this.config = b.config;
    this.layers = List.copyOf(b.layers);
    this.subject = Optional.ofNullable(b.subject);
    this.artifactType = Optional.ofNullable(b.artifactType);
    this.annotations = Map.copyOf(b.annotations);
  }

  /**
   * Starts a builder; the core codec uses it after parsing {@code raw}.
   *
   * @param mediaType {@link MediaType#OCI_MANIFEST} or {@link MediaType#DOCKER_MANIFEST}
   * @param config the config descriptor
   * @return a builder; not thread-safe
   */
  public static Builder builder(MediaType mediaType, Descriptor config) {
    return new Builder(mediaType, config);
  }

  @Override
  public Bytes raw() {
    return raw;
  }

  @Override
  public MediaType mediaType() {
    return mediaType;
  }

  @Override
  public Digest digest() {
    return digest;
  }

  /** {@return the config descriptor} */
  public Descriptor config() {
    return config;
  }

  /** {@return the layer descriptors in order; possibly empty} */
  public List<Descriptor> layers() {
    return layers;
  }

  @Override
  public Optional<Descriptor> subject() {
    return subject;
  }

  @Override
  public Optional<MediaType> artifactType() {
    return artifactType;
  }

  @Override
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public Descriptor descriptor() {
    Descriptor.Builder b = Descriptor.builder(mediaType, digest, raw.size());
    b.artifactType(artifactType.orElse(config.mediaType()));
    if (!annotations.isEmpty()) {
      b.annotations(annotations);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageManifest && raw.equals(((ImageManifest) o).raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "ImageManifest[" + mediaType + ", " + digest + ", " + layers.size() + " layers"
        + artifactType.map(t -> ", artifactType " + t).orElse("")
        + subject.map(s -> ", subject " + s.digest()).orElse("") + "]";
  }

  /** Builds an {@link ImageManifest}. Not thread-safe. */
  public static final class Builder {
    private final MediaType mediaType;
    private final Descriptor config;
    private List<Descriptor> layers = List.of();
    private Descriptor subject;
    private MediaType artifactType;
    private Map<String, String> annotations = Map.of();

    private Builder(MediaType mediaType, Descriptor config) {
      this.mediaType = requireNonNull(mediaType, "mediaType");
      this.config = requireNonNull(config, "config");
      if (!mediaType.isImageManifest()) {
        throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
      }
    }

    /**
     * Sets the layers ({@code layers} field), replacing any set before.
     *
     * @param values the layer descriptors, copied; order is kept
     * @return this builder
     */
    public Builder layers(List<Descriptor> values) {
      this.layers = Checks.listCopy(values, "values");
      return this;
    }

    /**
     * Sets the subject ({@code subject} field): the manifest this one refers to, making it an OCI
     * 1.1 referrer of that manifest.
     *
     * @param value the descriptor of the referred-to manifest
     * @return this builder
     */
    public Builder subject(Descriptor value) {
      this.subject = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the artifact type ({@code artifactType} field), which the referrers API reports.
     *
     * @param value the artifact type
     * @return this builder
     */
    public Builder artifactType(MediaType value) {
      this.artifactType = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the annotations, replacing any set before.
     *
     * @param values the annotations, copied; no null keys or values
     * @return this builder
     */
    public Builder annotations(Map<String, String> values) {
      this.annotations = Checks.mapCopy(values, "values");
      return this;
    }

    /**
     * Builds the manifest for its exact bytes.
     *
     * @param raw the bytes these fields were parsed from (or serialised to)
     * @return the manifest
     */
    public ImageManifest build(Bytes raw) {
      return new ImageManifest(this, raw);
    }
  }
}
