package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link ImageReference}: references generated from valid parts parse to those
 * parts and print back to an equal reference; arbitrary text either parses to a reference that
 * round-trips or fails with an {@link IllegalArgumentException}, and nothing else.
 */
class ImageReferenceProperties {

  /** A generated registry reference and what parsing it must yield. */
  static final class Case {
    final String text;
    final String registry;
    final String repository;
    final Optional<String> tag;
    final Optional<Digest> digest;

    Case(String host, String path, String tag, Digest digest) {
      if (host == null && path.indexOf('/') > 0) {
        // Without a host, a first component holding '.' would be read as the host itself.
        int slash = path.indexOf('/');
        path = path.substring(0, slash).replace('.', '-') + path.substring(slash);
      }
      this.text =
          (host == null ? "" : host + "/")
              + path
              + (tag == null ? "" : ":" + tag)
              + (digest == null ? "" : "@" + digest);
      String registry = host == null || host.equals("index.docker.io") ? "docker.io" : host;
      this.registry = registry;
      this.repository = registry.equals("docker.io") && !path.contains("/") ? "library/" + path : path;
      this.tag = Optional.ofNullable(tag == null && digest == null ? "latest" : tag);
      this.digest = Optional.ofNullable(digest);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  // ---- generators ----

  private static Arbitrary<String> alnum(String chars, int max) {
    return Arbitraries.strings().withChars(chars).ofMinLength(1).ofMaxLength(max);
  }

  /** distribution/reference pathComponent: [a-z0-9]+ joined by '.', '_', '__' or dashes. */
  Arbitrary<String> pathComponent() {
    Arbitrary<String> atom = alnum("abcdefghijklmnopqrstuvwxyz0123456789", 6);
    Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--", "---");
    Arbitrary<String> tail = Combinators.combine(separator, atom).as(String::concat);
    return Combinators.combine(atom, tail.list().ofMaxSize(2))
        .as((first, rest) -> first + String.join("", rest));
  }

  Arbitrary<String> path() {
    return pathComponent().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
  }

  Arbitrary<String> port() {
    return Arbitraries.integers().between(1, 65535).map(p -> ":" + p);
  }

  Arbitrary<String> withOptionalPort(Arbitrary<String> host) {
    return Combinators.combine(host, port().injectNull(0.5)).as((h, p) -> p == null ? h : h + p);
  }

  Arbitrary<String> label() {
    Arbitrary<String> edge = alnum("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1);
    Arbitrary<String> inner =
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-").ofMaxLength(6);
    return Arbitraries.oneOf(
        edge, Combinators.combine(edge, inner, edge).as((a, b, c) -> a + b + c));
  }

  Arbitrary<String> ipv6() {
    Arbitrary<String> group = alnum("0123456789abcdefABCDEF", 4);
    Arbitrary<String> full = group.list().ofSize(8).map(g -> String.join(":", g));
    Arbitrary<String> compressed =
        Combinators.combine(group.list().ofMaxSize(3), group.list().ofMaxSize(3))
            .as((a, b) -> String.join(":", a) + "::" + String.join(":", b));
    return Arbitraries.oneOf(full, compressed).map(a -> "[" + a + "]");
  }

  /** Hosts the Docker rules recognise: with '.', with ':port', localhost, or with upper case. */
  Arbitrary<String> host() {
    Arbitrary<String> dotted = label().list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(".", l));
    Arbitrary<String> ipv4 =
        Arbitraries.integers().between(0, 255).list().ofSize(4)
            .map(o -> o.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow());
    Arbitrary<String> upperLabel =
        Combinators.combine(alnum("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1), alnum("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 5).injectNull(0.3))
            .as((a, b) -> b == null ? a : a + b);
    Arbitrary<String> lowerLabelWithPort = Combinators.combine(alnum("abcdefghijklmnopqrstuvwxyz", 8), port()).as(String::concat);
    return Arbitraries.oneOf(
        Arbitraries.of("docker.io", "index.docker.io", "localhost", "ghcr.io", "registry-1.docker.io"),
        withOptionalPort(Arbitraries.just("localhost")),
        withOptionalPort(dotted),
        withOptionalPort(ipv4),
        withOptionalPort(ipv6()),
        withOptionalPort(upperLabel),
        lowerLabelWithPort);
  }

  Arbitrary<String> tag() {
    return Combinators.combine(
            alnum("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", 1),
            Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-").ofMaxLength(20))
        .as(String::concat);
  }

  Arbitrary<Digest> digest() {
    return new DigestProperties().digests();
  }

  @Provide
  Arbitrary<Case> registryCases() {
    return Builders.withBuilder(() -> new Object[4])
        .use(host().injectNull(0.25)).in((a, h) -> set(a, 0, h))
        .use(path()).in((a, p) -> set(a, 1, p))
        .use(tag().injectNull(0.4)).in((a, t) -> set(a, 2, t))
        .use(digest().injectNull(0.5)).in((a, d) -> set(a, 3, d))
        .build(a -> new Case((String) a[0], (String) a[1], (String) a[2], (Digest) a[3]));
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  /** oci:DIR[:TAG][@DIGEST], DIR without ':' or control characters, TAG a ref.name. */
  @Provide
  Arbitrary<String[]> layoutCases() {
    Arbitrary<String> dir = Arbitraries.strings().withChars("abcXYZ019/._- @üé~+").ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> atom = alnum("abcXYZ0189", 5);
    Arbitrary<String> sep = Arbitraries.of("-", ".", "_", ":", "@", "+", "--");
    Arbitrary<String> refComponent =
        Combinators.combine(atom, Combinators.combine(sep, atom).as(String::concat).list().ofMaxSize(3))
            .as((first, rest) -> first + String.join("", rest));
    Arbitrary<String> refName = refComponent.list().ofMinSize(1).ofMaxSize(3).map(c -> String.join("/", c));
    return Combinators.combine(dir, refName.injectNull(0.4), digest().map(Digest::toString).injectNull(0.5))
        .as((d, t, g) -> new String[] {d, t, g});
  }

  /** Arbitrary text, and valid references with one character inserted, replaced or cut. */
  @Provide
  Arbitrary<String> referenceLikeStrings() {
    Arbitrary<String> valid =
        Arbitraries.oneOf(
            registryCases().map(c -> c.text),
            layoutCases().map(ImageReferenceProperties::layoutText));
    Arbitrary<Character> interesting = Arbitraries.oneOf(Arbitraries.of(':', '/', '@', '[', ']', '.', '-', '_', 'A', ' ', '\n'), Arbitraries.chars());
    Arbitrary<String> mutated =
        Combinators.combine(valid, Arbitraries.integers().between(0, 300), interesting, Arbitraries.of(0, 1, 2))
            .as(ImageReferenceProperties::mutate);
    Arbitrary<String> prefixed = Arbitraries.strings().all().ofMaxLength(60).map(s -> "oci:" + s);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300), prefixed, mutated, valid);
  }

  private static String layoutText(String[] c) {
    return "oci:" + c[0] + (c[1] == null ? "" : ":" + c[1]) + (c[2] == null ? "" : "@" + c[2]);
  }

  private static String mutate(String text, int position, char c, int kind) {
    int i = position % (text.length() + 1);
    switch (kind) {
      case 0:
        return text.substring(0, i) + c + text.substring(i);
      case 1:
        return i == text.length() ? text + c : text.substring(0, i) + c + text.substring(i + 1);
      default:
        return text.substring(0, i) + text.substring(Math.min(text.length(), i + 1));
    }
  }

  // ---- properties ----

  @Property(tries = 2000)
  void parse_generatedRegistryReference_yieldsItsNormalisedParts(@ForAll("registryCases") Case c) {
    ImageReference r = ImageReference.parse(c.text);
    assertEquals(c.registry, r.registry(), "registry");
    assertEquals(c.repository, r.repository(), "repository");
    assertEquals(c.tag, r.tag(), "tag");
    assertEquals(c.digest, r.digest(), "digest");
    assertEquals(false, r.isLayout());
  }

  @Property(tries = 2000)
  void parse_ofToString_isEqual_forRegistryReferences(@ForAll("registryCases") Case c) {
    ImageReference r = ImageReference.parse(c.text);
    ImageReference again = ImageReference.parse(r.toString());
    assertEquals(r, again);
    assertEquals(r.hashCode(), again.hashCode());
    assertEquals(r.toString(), again.toString());
  }

  @Property(tries = 2000)
  void parse_generatedLayoutReference_yieldsItsPartsAndRoundTrips(@ForAll("layoutCases") String[] c) {
    String text = layoutText(c);
    ImageReference r = ImageReference.parse(text);
    assertTrue(r.isLayout());
    assertEquals(c[0], r.layoutPath(), "directory");
    assertEquals(Optional.ofNullable(c[1]), r.tag(), "tag");
    assertEquals(Optional.ofNullable(c[2]).map(Digest::parse), r.digest(), "digest");
    assertEquals(text, r.toString());
    assertEquals(r, ImageReference.parse(r.toString()));
  }

  @Property(tries = 3000)
  void parse_anyString_roundTripsOrThrowsOnlyIae(@ForAll("referenceLikeStrings") String text) {
    Optional<ImageReference> lenient = ImageReference.tryParse(text);
    ImageReference r;
    try {
      r = ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      assertEquals(Optional.empty(), lenient);
      assertTrue(e.getMessage().startsWith("invalid image reference \""), e.getMessage());
      assertTrue(e.getMessage().indexOf('\n') < 0, "message holds a raw newline: " + e.getMessage());
      return;
    }
    assertEquals(Optional.of(r), lenient);
    assertEquals(r, ImageReference.parse(r.toString()));
  }

  @Property
  void derivedReferences_roundTrip(@ForAll("registryCases") Case c, @ForAll("tagOrNothing") String tag) {
    ImageReference r = ImageReference.parse(c.text);
    Digest d = Digest.of(dev.custody.Bytes.utf8(c.text));
    for (ImageReference derived : List.of(r.withDigest(d), r.pinned(d), r.withTag(tag))) {
      assertEquals(derived, ImageReference.parse(derived.toString()), derived.toString());
      assertEquals(r.context(), derived.context());
    }
    assertEquals(d.toString(), r.withDigest(d).tagOrDigest());
    assertEquals(tag, r.withTag(tag).tagOrDigest());
  }

  @Provide
  Arbitrary<String> tagOrNothing() {
    return tag();
  }

  @Property
  void of_roundTrips(@ForAll("registryCases") Case c) {
    ImageReference r = ImageReference.parse(c.text);
    Digest d = Digest.of(dev.custody.Bytes.utf8(c.text));
    ImageReference built = ImageReference.of(r.registry(), r.repository(), d);
    assertEquals(r.pinned(d), built);
    assertEquals(built, ImageReference.parse(built.toString()));
  }
}
