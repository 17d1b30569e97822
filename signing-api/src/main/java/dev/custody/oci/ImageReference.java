package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to an image: in a registry, {@code HOST[:PORT]/REPOSITORY[:TAG][@DIGEST]}, or in an
 * OCI image layout on disk, {@code oci:DIR[:TAG][@DIGEST]}.
 *
 * <p>Registry references are normalised as the Docker tools do (distribution/reference): a name
 * whose first component has no {@code .} or {@code :}, is not {@code localhost} and is lower case
 * lives on {@code docker.io}; {@code index.docker.io} is written {@code docker.io}; a single-component
 * Docker Hub repository gets {@code library/}; a reference with neither tag nor digest gets the tag
 * {@code latest}. So {@code ubuntu} is {@code docker.io/library/ubuntu:latest}. {@link #toString()}
 * prints the normalised form and {@link #parse(String)} reads it back to an equal reference.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageReference {
  /** The Docker Hub registry name as written in normalised references. */
  public static final String DOCKER_HUB = "docker.io";

  private static final String LAYOUT_PREFIX = "oci:";
  private static final int MAX_NAME_LENGTH = 255;
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");
  // image-spec annotations.md: the grammar of org.opencontainers.image.ref.name values
  private static final Pattern LAYOUT_TAG =
      Pattern.compile("[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

  private final String registry;
  private final String repository;
  private final String layoutPath;
  private final Optional<String> tag;
  private final Optional<Digest> digest;

  private ImageReference(
      String registry, String repository, String layoutPath, String tag, Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.layoutPath = layoutPath;
    this.tag = Optional.ofNullable(tag);
    this.digest = Optional.ofNullable(digest);
  }

  /**
   * Parses a registry or layout reference.
   *
   * @param text the reference
   * @return the normalised reference
   * @throws IllegalArgumentException naming the reference and the part that is invalid
   */
  public static ImageReference parse(String text) {
    requireNonNull(text, "text");
    if (text.startsWith(LAYOUT_PREFIX)) {
      return parseLayout(text);
    }
    return parseRegistry(text);
  }

  /** {@return the reference parsed from {@code text}, or empty if it is invalid} */
  public static Optional<ImageReference> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * {@return a registry reference from its parts}
   *
   * @param registry host with optional port
   * @param repository repository path
   * @param digest the manifest digest
   */
  public static ImageReference of(String registry, String repository, Digest digest) {
    requireNonNull(digest, "digest");
    return parse(registry + "/" + repository + "@" + digest);
  }

  /**
   * {@return a reference to the OCI image layout in {@code directory}, with no tag or digest}
   *
   * @param directory the layout directory
   */
  public static ImageReference layout(String directory) {
    requireNonNull(directory, "directory");
    return parse(LAYOUT_PREFIX + directory);
  }

  private static ImageReference parseRegistry(String text) {
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      try {
        digest = Digest.parse(digestText);
      } catch (IllegalArgumentException e) {
        throw invalid(text, "the digest part is invalid: " + e.getMessage());
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash && !rest.substring(lastSlash + 1).startsWith("[")) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(
            text,
            "tag \"" + Digest.shorten(tag) + "\" must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
      }
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".")
          || first.contains(":")
          || first.startsWith("[")
          || first.equals("localhost")
          || !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
        registry = first;
        repository = rest.substring(slash + 1);
      }
    }
    if (!HOST.matcher(registry).matches()) {
      throw invalid(text, "registry host \"" + Digest.shorten(registry) + "\" is not a valid host[:port]");
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (repository.isEmpty()) {
      throw invalid(text, "the repository name is empty");
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid(
            text,
            "repository path component \""
                + Digest.shorten(component)
                + "\" must be lower-case letters and digits separated by '.', '_', '__' or '-'");
      }
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repository, "", tag, digest);
  }

  private static ImageReference parseLayout(String text) {
    String rest = text.substring(LAYOUT_PREFIX.length());
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      Optional<Digest> parsed = Digest.tryParse(rest.substring(at + 1));
      if (parsed.isPresent()) {
        digest = parsed.get();
        rest = rest.substring(0, at);
      }
    }
    String tag = null;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!LAYOUT_TAG.matcher(tag).matches()) {
        throw invalid(text, "layout tag \"" + Digest.shorten(tag) + "\" is not a valid reference name");
      }
    }
    if (rest.isEmpty()) {
      throw invalid(text, "the layout directory is empty; write oci:DIR[:TAG|@DIGEST]");
    }
    return new ImageReference("", "", rest, tag, digest);
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "invalid image reference \"" + Digest.shorten(text) + "\": " + problem);
  }

  /** {@return whether this reference names an OCI image layout directory} */
  public boolean isLayout() {
    return !layoutPath.isEmpty();
  }

  /** {@return the registry host with optional port; empty for a layout reference} */
  public String registry() {
    return registry;
  }

  /** {@return the repository path; empty for a layout reference} */
  public String repository() {
    return repository;
  }

  /** {@return the layout directory; empty for a registry reference} */
  public String layoutPath() {
    return layoutPath;
  }

  /** {@return the tag, if the reference has one} */
  public Optional<String> tag() {
    return tag;
  }

  /** {@return the digest, if the reference has one} */
  public Optional<Digest> digest() {
    return digest;
  }

  /**
   * {@return what a store resolves: the digest if present (a tag is never trusted when a digest
   * is given), else the tag; empty only for a layout reference with neither}
   */
  public String tagOrDigest() {
    return digest.map(Digest::toString).orElse(tag.orElse(""));
  }

  /**
   * {@return the repository this reference lives in, without tag or digest}: {@code HOST/REPO}
   * or {@code oci:DIR}
   */
  public String context() {
    return isLayout() ? LAYOUT_PREFIX + layoutPath : registry + "/" + repository;
  }

  /** {@return this reference pinned to {@code value}, keeping the tag for display} */
  public ImageReference withDigest(Digest value) {
    requireNonNull(value, "value");
    return new ImageReference(registry, repository, layoutPath, tag.orElse(null), value);
  }

  /** {@return the same repository with {@code value} as its only tag and no digest} */
  public ImageReference withTag(String value) {
    requireNonNull(value, "value");
    return parse(context() + ":" + value);
  }

  /** {@return the same repository with only {@code value} as digest and no tag} */
  public ImageReference pinned(Digest value) {
    requireNonNull(value, "value");
    return new ImageReference(registry, repository, layoutPath, null, value);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference r = (ImageReference) o;
    return registry.equals(r.registry)
        && repository.equals(r.repository)
        && layoutPath.equals(r.layoutPath)
        && tag.equals(r.tag)
        && digest.equals(r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, layoutPath, tag, digest);
  }

  /** {@return the normalised reference, which {@link #parse(String)} reads back} */
  @Override
  public String toString() {
    return context() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
