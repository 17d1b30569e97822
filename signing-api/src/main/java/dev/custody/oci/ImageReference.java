package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
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
 * Host names keep the case they were written in, as in distribution/reference, so
 * {@code Registry.Example/app} and {@code registry.example/app} are different references.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageReference {
  /** The Docker Hub registry name as written in normalised references. */
  public static final String DOCKER_HUB = "docker.io";

  private static final String LAYOUT_PREFIX = "oci:";
  // distribution/reference reference.go (RepositoryNameTotalLengthMax) caps the path alone; the
  // distribution spec notes that many clients cap "host[:port]/" + name at 255 (FORMATS.md §2.1).
  // Custody takes the stricter reading, so a name it accepts is accepted everywhere.
  private static final int MAX_NAME_LENGTH = 255;
  // distribution/reference regexp.go: pathComponent, [a-z0-9]+ joined by (?:[._]|__|[-]+)
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  // distribution/reference regexp.go: tag = [\w][\w.-]{0,127} (Go's \w is ASCII-only)
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  // distribution/reference regexp.go: domainNameComponent joined by '.', or an IPv6 literal in
  // brackets made of hex digits and ':' only (no zone, no embedded IPv4), then an optional port.
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:]+])(?::([0-9]+))?");
  // distribution/reference normalize.go: a bare 64-hex name is refused, it reads like an image ID.
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
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
   * Parses a registry or layout reference. Nothing is trimmed: surrounding whitespace is an error.
   *
   * <p>A registry reference is {@code [HOST[:PORT]/]PATH[:TAG][@DIGEST]}. The first path component
   * is taken as the host when it contains {@code .} or {@code :}, is {@code localhost} or has an
   * upper-case letter (distribution/reference normalize.go); otherwise the reference is on Docker
   * Hub. A reference with both a tag and a digest keeps both; the digest is what a store resolves.
   *
   * <p>A layout reference is {@code oci:DIR[:TAG][@DIGEST]}. As in skopeo's {@code oci:} transport,
   * {@code DIR} cannot contain {@code :}; it may contain {@code @}, except that a last {@code @}
   * followed by {@code sha256:}, {@code sha512:} or {@code blake3:} always starts a digest, which
   * must then be valid. The tag follows the {@code org.opencontainers.image.ref.name} grammar.
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

  /**
   * {@return the reference parsed from {@code text}, or empty if it is invalid}
   *
   * @param text the reference in any form {@link #parse(String)} accepts, possibly untrusted;
   *     {@code null} gives empty
   */
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
   * {@return a registry reference from its parts, normalised as {@link #parse(String)} does}
   *
   * @param registry host with optional port; it must read as a host when printed, so it contains
   *     {@code .} or {@code :}, is {@code localhost} or has an upper-case letter
   * @param repository repository path, e.g. {@code library/ubuntu}
   * @param digest the manifest digest
   * @throws IllegalArgumentException if the registry or the repository is invalid
   */
  public static ImageReference of(String registry, String repository, Digest digest) {
    requireNonNull(registry, "registry");
    requireNonNull(repository, "repository");
    requireNonNull(digest, "digest");
    String text = registry + "/" + repository + "@" + digest;
    if (!isHostComponent(registry)) {
      throw invalid(
          text,
          "registry \""
              + Digest.shorten(registry)
              + "\" would be read as a Docker Hub namespace"
              + " (a host contains '.' or ':', or is localhost)");
    }
    return registryReference(text, registry, repository, null, digest);
  }

  /**
   * {@return a reference to the OCI image layout in {@code directory}, with no tag or digest}
   *
   * @param directory the layout directory; not empty, without {@code :} or control characters
   * @throws IllegalArgumentException if {@code directory} cannot be written as {@code oci:DIR}
   */
  public static ImageReference layout(String directory) {
    requireNonNull(directory, "directory");
    ImageReference reference = parse(LAYOUT_PREFIX + directory);
    if (!reference.layoutPath.equals(directory)) {
      throw invalid(
          LAYOUT_PREFIX + directory,
          "layout directory \""
              + Digest.shorten(directory)
              + "\" must not contain ':' or end in @<digest>");
    }
    return reference;
  }

  private static ImageReference parseRegistry(String text) {
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    if (IDENTIFIER.matcher(text).matches()) {
      throw invalid(text, "a 64-hex name reads as an image ID, not a repository");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      digest = digestPart(text, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    // A ':' after the last '/' starts the tag, unless it sits inside a bare "[v6]:port" (no path).
    if (colon > lastSlash && !rest.substring(lastSlash + 1).startsWith("[")) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    // distribution/reference normalize.go splitDockerDomain: a name without '/' is on Docker Hub.
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0 && isHostComponent(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      repository = rest.substring(slash + 1);
    }
    return registryReference(text, registry, repository, tag, digest);
  }

  /** distribution/reference normalize.go splitDockerDomain: when the first component is a host. */
  private static boolean isHostComponent(String first) {
    return first.equals("localhost")
        || first.contains(".")
        || first.contains(":")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  private static Digest digestPart(String text, String digestText) {
    try {
      return Digest.parse(digestText);
    } catch (IllegalArgumentException e) {
      throw invalid(text, "the digest part is invalid: " + e.getMessage());
    }
  }

  /** Validates and normalises the parts of a registry reference; {@code text} is for messages. */
  private static ImageReference registryReference(
      String text, String registry, String repository, String tag, Digest digest) {
    Matcher host = HOST.matcher(registry);
    if (!host.matches()) {
      throw invalid(text, "registry host \"" + Digest.shorten(registry) + "\" is not a valid host[:port]");
    }
    String port = host.group(1);
    if (port != null && (port.length() > 5 || !inPortRange(Integer.parseInt(port)))) {
      // Stricter than distribution/reference ([0-9]+): no such port can be reached.
      throw invalid(text, "registry port \"" + Digest.shorten(port) + "\" is not in 1-65535");
    }
    if (registry.equals("index.docker.io")) {
      // distribution/reference normalize.go: the legacy Docker Index name is Docker Hub.
      registry = DOCKER_HUB;
    }
    if (repository.isEmpty()) {
      throw invalid(text, "the repository name is empty");
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        boolean upper = COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches();
        throw invalid(
            text,
            "repository path component \""
                + Digest.shorten(component)
                + (upper
                    ? "\" must be lower case"
                    : "\" must be lower-case letters and digits separated by"
                        + " '.', '_', '__' or '-'"));
      }
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      // distribution/reference normalize.go: official images live under library/.
      repository = "library/" + repository;
    }
    int length = registry.length() + 1 + repository.length();
    if (length > MAX_NAME_LENGTH) {
      throw invalid(
          text,
          "the name "
              + registry
              + "/… is "
              + length
              + " characters long (expected at most "
              + MAX_NAME_LENGTH
              + ")");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw invalid(
          text, "tag \"" + Digest.shorten(tag) + "\" must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    }
    if (tag == null && digest == null) {
      // distribution/reference normalize.go TagNameOnly: a bare name means :latest.
      tag = "latest";
    }
    return new ImageReference(registry, repository, "", tag, digest);
  }

  private static boolean inPortRange(int port) {
    return port >= 1 && port <= 65535;
  }

  private static ImageReference parseLayout(String text) {
    String rest = text.substring(LAYOUT_PREFIX.length());
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0 && looksLikeDigest(rest.substring(at + 1))) {
      digest = digestPart(text, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    // skopeo's oci: transport: the directory cannot contain ':', so the first ':' starts the tag.
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw invalid(text, "the layout directory is empty; write oci:DIR[:TAG][@DIGEST]");
    }
    for (int i = 0; i < rest.length(); i++) {
      if (Character.isISOControl(rest.charAt(i))) {
        throw invalid(
            text,
            "layout directory \""
                + Digest.shorten(rest)
                + "\" contains the control character "
                + Digest.describe(rest.charAt(i)));
      }
    }
    if (tag != null && !LAYOUT_TAG.matcher(tag).matches()) {
      throw invalid(
          text,
          "layout tag \""
              + Digest.shorten(tag)
              + "\" is not a valid org.opencontainers.image.ref.name"
              + " (letters and digits joined by -._:@+ or --, and /)");
    }
    return new ImageReference("", "", rest, tag, digest);
  }

  /** Whether the text after a layout reference's last '@' is meant as a digest. */
  private static boolean looksLikeDigest(String text) {
    return text.startsWith("sha256:") || text.startsWith("sha512:") || text.startsWith("blake3:");
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

  /**
   * {@return this reference pinned to {@code value}, keeping the tag for display}
   *
   * @param value the digest to pin to, replacing any digest this reference has
   */
  public ImageReference withDigest(Digest value) {
    requireNonNull(value, "value");
    return new ImageReference(registry, repository, layoutPath, tag.orElse(null), value);
  }

  /**
   * {@return the same repository with {@code value} as its only tag and no digest}
   *
   * @param value a registry tag, or for a layout an {@code org.opencontainers.image.ref.name}
   * @throws IllegalArgumentException if {@code value} is not a valid tag here
   */
  public ImageReference withTag(String value) {
    requireNonNull(value, "value");
    if (!(isLayout() ? LAYOUT_TAG : TAG).matcher(value).matches()) {
      throw invalid(
          context() + ":" + value, "tag \"" + Digest.shorten(value) + "\" is not a valid tag");
    }
    ImageReference reference = parse(context() + ":" + value);
    if (!reference.tag.equals(Optional.of(value)) || reference.digest.isPresent()) {
      // e.g. "v1@sha256:…" would be read back as a tag and a digest.
      throw invalid(
          context() + ":" + value,
          "tag \"" + Digest.shorten(value) + "\" would not read back as a tag");
    }
    return reference;
  }

  /**
   * {@return the same repository with only {@code value} as digest and no tag}
   *
   * @param value the digest the returned reference names
   */
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
