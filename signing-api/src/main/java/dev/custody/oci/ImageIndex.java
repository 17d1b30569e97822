package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image index or a Docker manifest list: descriptors of other manifests, usually one per
 * platform. Also the shape of a referrers list. Immutable and thread-safe.
 */
public final class ImageIndex implements Manifest {
  private final Bytes raw;
  private final Digest digest;
  private final MediaType mediaType;
  private final List<Descriptor> manifests;
  private final Optional<Descriptor> subject;
  private final Optional<MediaType> artifactType;
  private final Map<String, String> annotations;

  private ImageIndex(Builder b, Bytes raw) {
    this.raw = requireNonNull(raw, "raw");
    this.digest = Digest.of(raw);
    this.mediaType = b.mediaType;
    this.manifests = List.copyOf(b.manifests);
    this.subject = Optional.ofNullable(b.subject);
    this.artifactType = Optional.ofNullable(b.artifactType);
    this.annotations = Map.copyOf(b.annotations);
  }

  /**
   * Starts a builder; the core codec uses it after parsing {@code raw}.
   *
   * @param mediaType {@link MediaType#OCI_INDEX} or {@link MediaType#DOCKER_MANIFEST_LIST}
   * @return a builder; not thread-safe
   */
  public static Builder builder(MediaType mediaType) {
    return new Builder(mediaType);
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

  /** {@return the descriptors of the manifests this index lists; possibly empty} */
  public List<Descriptor> manifests() {
    return manifests;
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
    artifactType.ifPresent(b::artifactType);
    if (!annotations.isEmpty()) {
      b.annotations(annotations);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageIndex && raw.equals(((ImageIndex) o).raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "ImageIndex[" + mediaType + ", " + digest + ", " + manifests.size() + " manifests]";
  }

  /** Builds an {@link ImageIndex}. Not thread-safe. */
  public static final class Builder {
    private final MediaType mediaType;
    private List<Descriptor> manifests = List.of();
    private Descriptor subject;
    private MediaType artifactType;
    private Map<String, String> annotations = Map.of();

    private Builder(MediaType mediaType) {
      this.mediaType = requireNonNull(mediaType, "mediaType");
      if (!mediaType.isIndex()) {
        throw new IllegalArgumentException("not an index media type: " + mediaType);
      }
    }

    /**
     * Sets the listed manifests ({@code manifests} field), replacing any set before.
     *
     * @param values the manifest descriptors, copied; order is kept
     * @return this builder
     */
    public Builder manifests(List<Descriptor> values) {
      this.manifests = Checks.listCopy(values, "values");
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
     * Builds the index for its exact bytes.
     *
     * @param raw the bytes these fields were parsed from (or serialised to)
     * @return the index
     */
    public ImageIndex build(Bytes raw) {
      return new ImageIndex(this, raw);
    }
  }
}
