package dev.custody.core.internal.notary;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.notary.trust.TrustPolicyDocument;
import dev.custody.core.internal.notary.trust.TrustPolicyReader;
import dev.custody.core.internal.notary.verify.SignatureCandidate;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.notary.verify.NotaryEnvelopes;
import java.util.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Access to notation's e2e fixtures in {@code ../shared/fixtures/notation-e2e} (relative to the
 * repository root): layouts opened as copies with {@link LayoutStore}, trust policies, and the trust
 * store recipes of the fixtures README §6 built in a temporary directory.
 */
final class NotationFixtures {
  private static final String RELATIVE = "../shared/fixtures/notation-e2e";

  private NotationFixtures() {}

  /** The fixtures folder; fails the test with a clear message when it is missing. */
  static Path root() {
    Path cwd = Paths.get("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      // the repository root holds the parent POM and the signing-core module
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("signing-core"))) {
        Path fixtures = dir.resolve(RELATIVE).normalize();
        if (!Files.isRegularFile(fixtures.resolve("README.md"))) {
          fail("notation fixtures missing: expected " + fixtures + " (" + RELATIVE
              + " from the repository root " + dir + "); they are part of the shared checkout");
        }
        return fixtures;
      }
    }
    return fail("cannot find the repository root (a directory with pom.xml and signing-core/)"
        + " above " + cwd + "; the notation fixtures live at " + RELATIVE + " from it");
  }

  static Path layout(String name) {
    Path dir = root().resolve("oci_layout").resolve(name);
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      fail("notation fixture layout missing: " + dir);
    }
    return dir;
  }

  static TrustPolicyDocument policy(String file) throws Exception {
    return TrustPolicyReader.read(root().resolve("trustpolicies").resolve(file));
  }

  static Bytes blob(Path layout, Digest digest) throws IOException {
    Path file = layout.resolve("blobs").resolve(digest.algorithm().id()).resolve(digest.hex());
    Bytes content = Bytes.of(Files.readAllBytes(file));
    if (!digest.matches(content)) {
      fail("fixture blob " + file + " does not match its digest");
    }
    return content;
  }

  /**
   * Opens a copy of a fixture layout (README §7: never write into the fixtures) as a
   * {@link LayoutStore}.
   */
  static LayoutStore open(String name, Path temp) throws Exception {
    Path copy = temp.resolve("layout-" + name);
    if (!Files.exists(copy)) {
      Path source = layout(name);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path from : (Iterable<Path>) files::iterator) {
          Path to = copy.resolve(source.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
    }
    return LayoutStore.open(copy, false);
  }

  /**
   * The Notary signatures of {@code subject}, found the way notation finds them: through
   * {@code subject} (the store's referrers), not the referrers tag index, which is missing or
   * incomplete in some layouts (README §3).
   */
  static List<SignatureCandidate> signatures(LayoutStore store, Descriptor subject)
      throws Exception {
    List<SignatureCandidate> found = new ArrayList<>();
    for (Descriptor referrer : store.referrers(subject.digest())) {
      Manifest manifest = store.manifest(referrer.digest());
      Optional<Descriptor> layer;
      try {
        layer = NotarySignatureManifests.envelopeLayer(manifest, subject.digest());
      } catch (InvalidInputException e) {
        found.add(SignatureCandidate.unreadable(referrer.digest().toString(), e.getMessage()));
        continue;
      }
      if (layer.isPresent()) {
        Bytes envelope = store.readBlob(layer.get(), NotaryEnvelopes.MAX_BYTES);
        found.add(SignatureCandidate.of(
            referrer.digest().toString(), layer.get().mediaType().value(), envelope));
      }
    }
    return found;
  }

  /** Builds a trust store from (type/name, fixture file) pairs; README §6 recipes. */
  static Path store(Path dir, String... entries) throws IOException {
    for (int i = 0; i < entries.length; i += 2) {
      Path target = dir.resolve("x509").resolve(entries[i]);
      Files.createDirectories(target);
      Path source = root().resolve(entries[i + 1]);
      Files.copy(source, target.resolve(source.getFileName()));
    }
    return dir;
  }

  /** Writes certificate {@code index} of the x5c of an envelope blob as DER into a store. */
  static void storeFromEnvelope(Path dir, String typeAndName, String layout, String envelopeHex,
      String fileName) throws Exception {
    Bytes envelope = blob(layout(layout), Digest.parse("sha256:" + envelopeHex));
    JsonNode x5c = Json.read(envelope, "envelope").get("header").get("x5c");
    Path target = dir.resolve("x509").resolve(typeAndName);
    Files.createDirectories(target);
    Files.write(target.resolve(fileName), Base64.getDecoder().decode(x5c.get(0).asText()));
  }

}
