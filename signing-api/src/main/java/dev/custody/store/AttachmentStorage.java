package dev.custody.store;

/**
 * How an attachment was found next to its image (FORMATS.md §2.7, §2.8, §3.1).
 *
 * @since 0.1
 */
public enum AttachmentStorage {
  /** cosign's legacy tag scheme: {@code sha256-<hex>.sig}, {@code .att} or {@code .sbom}. */
  COSIGN_TAG("cosign-tag"),
  /** A manifest whose {@code subject} is the image, listed by the store's referrers index. */
  REFERRER("referrer"),
  /**
   * Listed only by the referrers tag schema index ({@code sha256-<hex>}), written by a client for
   * a registry that lacked the referrers API.
   */
  REFERRER_TAG_SCHEMA("referrer-tag-schema");

  private final String id;

  AttachmentStorage(String id) {
    this.id = id;
  }

  /** {@return the name used in JSON output, e.g. {@code cosign-tag}} */
  public String id() {
    return id;
  }
}
