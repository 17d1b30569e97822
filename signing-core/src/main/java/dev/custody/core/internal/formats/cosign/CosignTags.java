package dev.custody.core.internal.formats.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.util.Optional;

/**
 * cosign's legacy tag scheme (FORMATS.md §3.1): {@code <alg>-<hex>.<suffix>} in the image's
 * repository. Tags are derived from a digest only; never sign or look up by tag.
 */
public final class CosignTags {
  /** The attachment kinds and their tag suffixes. */
  public enum Kind {
    /** Signatures ({@code .sig}). */
    SIGNATURE("sig"),
    /** Attestations ({@code .att}). */
    ATTESTATION("att"),
    /** SBOM attachments ({@code .sbom}, deprecated). */
    SBOM("sbom");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    /** {@return the suffix without the dot} */
    public String suffix() {
      return suffix;
    }
  }

  private CosignTags() {}

  /** {@return the tag holding {@code kind} attachments of {@code digest}} */
  public static String tag(Digest digest, Kind kind) {
    requireNonNull(digest, "digest");
    requireNonNull(kind, "kind");
    return digest.toTagForm() + "." + kind.suffix();
  }

  /** {@return the {@code .sig} tag of {@code digest}} */
  public static String signatureTag(Digest digest) {
    return tag(digest, Kind.SIGNATURE);
  }

  /** {@return the {@code .att} tag of {@code digest}} */
  public static String attestationTag(Digest digest) {
    return tag(digest, Kind.ATTESTATION);
  }

  /** {@return the digest a tag of {@code kind} is about, if {@code tag} is one} */
  public static Optional<Digest> subjectOf(String tag, Kind kind) {
    requireNonNull(tag, "tag");
    String suffix = "." + kind.suffix();
    if (!tag.endsWith(suffix)) {
      return Optional.empty();
    }
    String form = tag.substring(0, tag.length() - suffix.length());
    int dash = form.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    return Digest.tryParse(form.substring(0, dash) + ":" + form.substring(dash + 1));
  }
}
