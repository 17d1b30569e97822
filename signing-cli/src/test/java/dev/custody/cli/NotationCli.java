package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * What the Notary command-line tests share: key pairs with test certificates, trust stores in
 * notation's layout ({@code DIR/x509/ca/<store>/<file>}), a global trust policy, and the protected
 * header of a stored envelope read back from a layout.
 */
final class NotationCli {
  static final Map<String, String> ENV = Map.of("CUSTODY_PASSWORD", "notation-cli-Pass-3");

  private NotationCli() {}

  /** {@code generate-key-pair --type TYPE --certificate CN}: writes {@code P.key}, {@code P.pub}, {@code P.crt}. */
  static Path keyPair(Path prefix, String type, String commonName) {
    CliRun run =
        CliRun.withEnv(
            ENV, "generate-key-pair", "--type", type, "--certificate", commonName,
            "--output-key-prefix", prefix.toString());
    assertEquals(0, run.exitCode(), run.toString());
    return prefix;
  }

  static String file(Path prefix, String suffix) {
    return prefix.resolveSibling(prefix.getFileName() + suffix).toString();
  }

  /** A trust store {@code root} whose {@code ca:<store>} holds copies of {@code certificates}. */
  static Path trustStore(Path root, String store, Path... certificates) throws IOException {
    Path named = Files.createDirectories(root.resolve("x509").resolve("ca").resolve(store));
    for (Path certificate : certificates) {
      Files.copy(certificate, named.resolve(certificate.getFileName()));
    }
    return root;
  }

  /** A strict trust policy for every repository ({@code "*"}) that trusts {@code ca:<store>}. */
  static Path globalPolicy(Path file, String store) throws IOException {
    Files.writeString(
        file,
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"release\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:"
            + store
            + "\"],\"trustedIdentities\":[\"*\"]}]}");
    return file;
  }

  /** The protected header of the envelope stored by signature manifest {@code manifest} in a layout. */
  static JsonNode protectedHeader(Path layout, Digest manifest) throws Exception {
    JsonNode signature = Json.read(blob(layout, manifest), "signature manifest");
    Digest envelopeDigest = Digest.parse(signature.get("layers").get(0).get("digest").asText());
    JsonNode envelope = Json.read(blob(layout, envelopeDigest), "envelope");
    byte[] header = Base64.getUrlDecoder().decode(envelope.get("protected").asText());
    return Json.read(Bytes.of(header), "protected header");
  }

  private static Bytes blob(Path layout, Digest digest) throws IOException {
    return Bytes.of(
        Files.readAllBytes(layout.resolve("blobs").resolve(digest.algorithm().id()).resolve(digest.hex())));
  }
}
