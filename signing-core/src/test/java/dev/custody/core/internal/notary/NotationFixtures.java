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
import dev.custody.oci.MediaType;
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
 * repository root): layouts read with plain file reads (read-only), trust policies, and the trust
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

  /** The manifest tagged {@code tag} in the layout's index.json. */
  static Descriptor tagged(Path layout, String tag) throws Exception {
    for (JsonNode m : index(layout).get("manifests")) {
      if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        return descriptor(m);
      }
    }
    return fail("no tag " + tag + " in " + layout);
  }

  /**
   * The Notary signatures of {@code subject}, found the way notation finds them: every manifest
   * of the layout whose {@code subject} is the artifact (not through the referrers tag index,
   * which is missing or incomplete in some layouts, README §3).
   */
  static List<SignatureCandidate> signatures(Path layout, Descriptor subject) throws Exception {
    List<SignatureCandidate> found = new ArrayList<>();
    for (JsonNode m : index(layout).get("manifests")) {
      Descriptor d = descriptor(m);
      if (!d.mediaType().equals(MediaType.OCI_MANIFEST)) {
        continue;
      }
      Bytes manifest = blob(layout, d.digest());
      String what = "signature manifest " + d.digest();
      Optional<NotarySignatureManifests.EnvelopeLayer> layer;
      try {
        layer = NotarySignatureManifests.envelopeLayer(manifest, what, subject.digest());
      } catch (dev.custody.InvalidInputException e) {
        found.add(SignatureCandidate.unreadable(d.digest().toString(), e.getMessage()));
        continue;
      }
      if (layer.isPresent()) {
        Bytes envelope = blob(layout, layer.get().digest());
        if (envelope.size() != layer.get().size()) {
          fail("fixture envelope size mismatch in " + what);
        }
        found.add(SignatureCandidate.of(d.digest().toString(), layer.get().mediaType(), envelope));
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

  private static JsonNode index(Path layout) throws Exception {
    return Json.read(Bytes.of(Files.readAllBytes(layout.resolve("index.json"))), "index.json");
  }

  private static Descriptor descriptor(JsonNode m) {
    return Descriptor.of(
        new MediaType(m.get("mediaType").asText()),
        Digest.parse(m.get("digest").asText()),
        m.get("size").asLong());
  }
}
