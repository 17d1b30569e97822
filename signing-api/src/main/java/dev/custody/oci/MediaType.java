package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A media type as used in descriptors and the HTTP {@code Content-Type}, with constants for the
 * types Custody reads and writes (FORMATS.md §1.1). Parameters ({@code ;charset=…}) are not part
 * of an OCI media type and are rejected.
 *
 * @param value the media type, e.g. {@code application/vnd.oci.image.manifest.v1+json}
 */
public record MediaType(String value) {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  /** OCI image manifest (also used for artifacts). */
  public static final MediaType OCI_MANIFEST =
      new MediaType("application/vnd.oci.image.manifest.v1+json");
  /** OCI image index. */
  public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
  /** Docker image manifest v2 schema 2. */
  public static final MediaType DOCKER_MANIFEST =
      new MediaType("application/vnd.docker.distribution.manifest.v2+json");
  /** Docker manifest list. */
  public static final MediaType DOCKER_MANIFEST_LIST =
      new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
  /** Docker schema 1 manifest: deprecated and refused by Custody. */
  public static final MediaType DOCKER_SCHEMA1 =
      new MediaType("application/vnd.docker.distribution.manifest.v1+json");
  /** Docker schema 1 signed manifest: deprecated and refused by Custody. */
  public static final MediaType DOCKER_SCHEMA1_SIGNED =
      new MediaType("application/vnd.docker.distribution.manifest.v1+prettyjws");
  /** OCI image configuration. */
  public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
  /** Docker image configuration. */
  public static final MediaType DOCKER_CONFIG =
      new MediaType("application/vnd.docker.container.image.v1+json");
  /** Uncompressed OCI layer. */
  public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");
  /** Gzip-compressed OCI layer. */
  public static final MediaType OCI_LAYER_GZIP =
      new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
  /** Gzip-compressed Docker layer. */
  public static final MediaType DOCKER_LAYER_GZIP =
      new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
  /** The OCI 1.1 empty blob {@code {}}. */
  public static final MediaType OCI_EMPTY = new MediaType("application/vnd.oci.empty.v1+json");
  /** The {@code oci-layout} file of an image layout. */
  public static final MediaType OCI_LAYOUT_HEADER =
      new MediaType("application/vnd.oci.layout.header.v1+json");

  /**
   * Validates the syntax.
   *
   * @param value the media type, e.g. {@code application/vnd.oci.image.manifest.v1+json}
   * @throws IllegalArgumentException if {@code value} is not {@code type/subtype}
   */
  public MediaType {
    requireNonNull(value, "value");
    if (!SYNTAX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid media type \"" + Digest.shorten(value) + "\": expected type/subtype");
    }
  }

  /**
   * {@return the media type named by {@code value}}
   *
   * @param value the media type in {@code type/subtype} form
   */
  public static MediaType of(String value) {
    return new MediaType(value);
  }

  /** {@return whether this is an image manifest type (OCI or Docker schema 2)} */
  public boolean isImageManifest() {
    return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
  }

  /** {@return whether this is an index type (OCI index or Docker manifest list)} */
  public boolean isIndex() {
    return equals(OCI_INDEX) || equals(DOCKER_MANIFEST_LIST);
  }

  /** {@return whether this is any manifest type Custody reads} */
  public boolean isManifest() {
    return isImageManifest() || isIndex();
  }

  @Override
  public String toString() {
    return value;
  }
}
