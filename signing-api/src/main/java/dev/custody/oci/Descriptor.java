package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A content descriptor (image-spec descriptor.md): what a piece of content is, its digest and its
 * exact size, plus optional artifact type, annotations, platform, alternative URLs and embedded
 * data.
 *
 * <p>Immutable and thread-safe. Build one with {@link #of(MediaType, Digest, long)} or
 * {@link #builder(MediaType, Digest, long)}; derive variants with {@link #toBuilder()}.
 */
public final class Descriptor {
  private final MediaType mediaType;
  private final Digest digest;
  private final long size;
  private final Optional<MediaType> artifactType;
  private final Map<String, String> annotations;
  private final Optional<Platform> platform;
  private final List<String> urls;
  private final Optional<Bytes> data;

  private Descriptor(Builder b) {
    this.mediaType = b.mediaType;
    this.digest = b.digest;
    this.size = b.size;
    this.artifactType = Optional.ofNullable(b.artifactType);
    // Sorted for a deterministic serialisation when Custody writes a descriptor.
    this.annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.platform = Optional.ofNullable(b.platform);
    this.urls = List.copyOf(b.urls);
    this.data = Optional.ofNullable(b.data);
  }

  /**
   * {@return a descriptor with just the three required fields}
   *
   * @param mediaType the content's media type
   * @param digest the content's digest
   * @param size the content's exact size in bytes, not negative
   */
  public static Descriptor of(MediaType mediaType, Digest digest, long size) {
    return builder(mediaType, digest, size).build();
  }

  /**
   * {@return the descriptor of {@code content}, digested with SHA-256}
   *
   * @param mediaType the media type to record for {@code content}
   * @param content the exact bytes the descriptor refers to; its size is recorded too
   */
  public static Descriptor ofContent(MediaType mediaType, Bytes content) {
    return of(mediaType, Digest.of(content), content.size());
  }

  /**
   * Starts a builder with the required fields.
   *
   * @param mediaType the content's media type
   * @param digest the content's digest
   * @param size the content's exact size in bytes, not negative
   * @return a builder; not thread-safe
   */
  public static Builder builder(MediaType mediaType, Digest digest, long size) {
    return new Builder(mediaType, digest, size);
  }

  /** {@return a builder holding this descriptor's fields} */
  public Builder toBuilder() {
    Builder b = new Builder(mediaType, digest, size);
    b.artifactType = artifactType.orElse(null);
    b.annotations.putAll(annotations);
    b.platform = platform.orElse(null);
    b.urls = urls;
    b.data = data.orElse(null);
    return b;
  }

  /** {@return the media type of the referenced content} */
  public MediaType mediaType() {
    return mediaType;
  }

  /** {@return the digest of the referenced content} */
  public Digest digest() {
    return digest;
  }

  /** {@return the exact size of the referenced content in bytes} */
  public long size() {
    return size;
  }

  /** {@return the artifact type, when the descriptor names one} */
  public Optional<MediaType> artifactType() {
    return artifactType;
  }

  /** {@return the annotations, sorted by key; possibly empty} */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * {@return the annotation {@code key}, if present}
   *
   * @param key the annotation key, matched exactly
   */
  public Optional<String> annotation(String key) {
    return Optional.ofNullable(annotations.get(requireNonNull(key, "key")));
  }

  /** {@return the platform of an index entry, if given} */
  public Optional<Platform> platform() {
    return platform;
  }

  /** {@return alternative download URLs; possibly empty} */
  public List<String> urls() {
    return urls;
  }

  /** {@return the embedded content ({@code data} field), if present; not verified here} */
  public Optional<Bytes> data() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Descriptor)) {
      return false;
    }
    Descriptor d = (Descriptor) o;
    return size == d.size
        && mediaType.equals(d.mediaType)
        && digest.equals(d.digest)
        && artifactType.equals(d.artifactType)
        && annotations.equals(d.annotations)
        && platform.equals(d.platform)
        && urls.equals(d.urls)
        && data.equals(d.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, artifactType, annotations, platform, urls, data);
  }

  @Override
  public String toString() {
    return "Descriptor[" + mediaType + ", " + digest + ", " + size + " bytes"
        + artifactType.map(t -> ", artifactType " + t).orElse("")
        + platform.map(p -> ", " + p).orElse("")
        + (annotations.isEmpty() ? "" : ", annotations " + annotations)
        + "]";
  }

  /** Builds a {@link Descriptor}. Not thread-safe. */
  public static final class Builder {
    private final MediaType mediaType;
    private final Digest digest;
    private final long size;
    private MediaType artifactType;
    private final Map<String, String> annotations = new TreeMap<>();
    private Platform platform;
    private List<String> urls = List.of();
    private Bytes data;

    private Builder(MediaType mediaType, Digest digest, long size) {
      this.mediaType = requireNonNull(mediaType, "mediaType");
      this.digest = requireNonNull(digest, "digest");
      if (size < 0) {
        throw new IllegalArgumentException(
            "invalid descriptor size: must not be negative (got " + size + ")");
      }
      this.size = size;
    }

    /**
     * Sets the artifact type ({@code artifactType} field), as OCI 1.1 referrers carry.
     *
     * @param type the artifact type
     * @return this builder
     */
    public Builder artifactType(MediaType type) {
      this.artifactType = requireNonNull(type, "type");
      return this;
    }

    /**
     * Adds or replaces one annotation.
     *
     * @param key the annotation key, such as {@code org.opencontainers.image.created}
     * @param value the annotation value, replacing any earlier value for {@code key}
     * @return this builder
     */
    public Builder annotation(String key, String value) {
      annotations.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Replaces all annotations set so far.
     *
     * @param values the annotations, copied; no null keys or values
     * @return this builder
     */
    public Builder annotations(Map<String, String> values) {
      Map<String, String> copy = Checks.mapCopy(values, "values");
      annotations.clear();
      annotations.putAll(copy);
      return this;
    }

    /**
     * Sets the platform an index entry is for.
     *
     * @param value the platform of the referenced manifest
     * @return this builder
     */
    public Builder platform(Platform value) {
      this.platform = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the alternative download URLs ({@code urls} field).
     *
     * @param values the URLs, copied; order is kept
     * @return this builder
     */
    public Builder urls(List<String> values) {
      this.urls = Checks.listCopy(values, "values");
      return this;
    }

    /**
     * Embeds the content itself ({@code data} field); it is not checked against the digest here.
     *
     * @param value the content's exact bytes
     * @return this builder
     */
    public Builder data(Bytes value) {
      this.data = requireNonNull(value, "value");
      return this;
    }

    /** {@return the descriptor} */
    public Descriptor build() {
      return new Descriptor(this);
    }
  }
}
