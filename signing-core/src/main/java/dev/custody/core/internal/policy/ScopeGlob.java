package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.ImageReference;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A policy scope (POLICY.md "Scopes"): a whole-string glob over {@code HOST/REPOSITORY}, where
 * {@code *} matches within one path component and {@code **} across components; or {@code oci:*}
 * for any OCI layout. Names are compared in normalised form ({@code docker.io/library/ubuntu}).
 */
public final class ScopeGlob {
  /** The scope that matches every OCI image layout reference. */
  static final String ANY_LAYOUT = "oci:*";

  private static final Pattern SYNTAX =
      Pattern.compile("[A-Za-z0-9*\\[\\]:-][A-Za-z0-9._*\\[\\]:-]*(/[a-z0-9._*-]+)*");

  private final String glob;
  private final Pattern regex;

  private ScopeGlob(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /**
   * Compiles a scope.
   *
   * @param glob the scope text
   * @return the scope, or empty with no reason if the text is not a valid scope; see {@link
   *     #problem(String)}
   */
  static Optional<ScopeGlob> compile(String glob) {
    return problem(glob).isPresent() ? Optional.empty() : Optional.of(new ScopeGlob(glob, toRegex(glob)));
  }

  /** {@return what is wrong with {@code glob} as a scope, or empty if it is valid} */
  static Optional<String> problem(String glob) {
    requireNonNull(glob, "glob");
    if (glob.equals(ANY_LAYOUT)) {
      return Optional.empty();
    }
    if (glob.isEmpty()) {
      return Optional.of("a scope must not be empty");
    }
    if (glob.startsWith("oci:")) {
      return Optional.of("the only layout scope is oci:*");
    }
    if (glob.contains("@") || glob.matches(".*/[^/]*:[^/]*")) {
      return Optional.of("a scope names repositories, without tag or digest");
    }
    if (glob.contains("***")) {
      return Optional.of("*** is not a glob; use * within a component or ** across components");
    }
    if (!SYNTAX.matcher(glob).matches()) {
      return Optional.of(
          "expected HOST/REPOSITORY with * (one component) or ** (any depth), lower-case"
              + " repository components");
    }
    return Optional.empty();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /**
   * {@return whether {@code image} is governed by this scope}
   *
   * @param image the image reference
   * @param layoutSource for a layout reference, the source repository {@code custody export}
   *     recorded ({@code HOST/REPO}), if any
   */
  boolean matches(ImageReference image, Optional<String> layoutSource) {
    if (image.isLayout()) {
      return glob.equals(ANY_LAYOUT)
          || layoutSource.map(s -> !glob.startsWith("oci:") && regex.matcher(s).matches()).orElse(false);
    }
    return !glob.equals(ANY_LAYOUT) && regex.matcher(image.context()).matches();
  }

  /** {@return whether any of {@code scopes} governs {@code image}} */
  public static boolean governs(List<String> scopes, ImageReference image, Optional<String> layoutSource) {
    return scopes.stream()
        .map(ScopeGlob::compile)
        .flatMap(Optional::stream)
        .anyMatch(s -> s.matches(image, layoutSource));
  }

  @Override
  public String toString() {
    return glob;
  }
}
