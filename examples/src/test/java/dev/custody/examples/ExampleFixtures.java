package dev.custody.examples;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.PredicateTypes;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the example tests share: key files, images in OCI layouts, a one-stage policy ("built by
 * ci": SLSA provenance signed by the ci key, from the expected builder) and attesting through the
 * public API.
 */
public final class ExampleFixtures {
  public static final String BUILDER = "https://ci.example.com/builder/v1";

  public final Path dir;
  public final Custody custody = Custody.builder().build();
  public final Signer ci;

  public ExampleFixtures(Path dir) throws Exception {
    this.dir = dir;
    this.ci = signer("ci");
  }

  /** Generates {@code keys/name.key} (unencrypted PKCS#8) and {@code keys/name.pub} and opens the key. */
  public Signer signer(String name) throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    GeneratedKeyPair pair =
        custody.generateKeyPair(
            dir.resolve("keys").resolve(name),
            KeyPairOptions.builder().fileFormat(KeyFileFormat.PKCS8).build(),
            PasswordSource.none());
    return custody.signer(KeyRef.parse(pair.privateKeyFile().toString()), PasswordSource.none());
  }

  /** Writes a small image into its own layout and returns {@code oci:DIR:v1}. */
  public ImageReference image(String variant) {
    Path layout = dir.resolve("layouts").resolve(variant);
    TestImages.writeLayout(layout, "v1", TestImages.image(variant));
    return ImageReference.parse(TestImages.layoutReference(layout, "v1"));
  }

  /** Attests SLSA provenance from {@link #BUILDER}, signed by {@code signer}. */
  public void attestBuilt(ImageReference image, Signer signer) throws Exception {
    BuildToolSigning.BuildInfo build = build();
    custody.attest(
        image,
        signer,
        PredicateTypes.SLSA_PROVENANCE_V1,
        Bytes.utf8(BuildToolSigning.provenance(build, image)),
        AttestOptions.defaults());
  }

  public static BuildToolSigning.BuildInfo build() {
    Instant now = Instant.now();
    return new BuildToolSigning.BuildInfo(
        BUILDER, "https://git.example.com/team/app", "refs/heads/main",
        "0123456789abcdef0123456789abcdef01234567", "run-1", now.minusSeconds(60), now);
  }

  /** Writes and reads the one-stage policy: built by ci on the expected builder. */
  public CustodyPolicy builtByCiPolicy() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: custody/v1",
            "kind: CustodyPolicy",
            "name: built-by-ci",
            "scopes: [\"oci:*\", \"127.0.0.1:*/**\"]",
            "signers:",
            "  ci: { publicKey: keys/ci.pub }",
            "stages:",
            "  - name: build",
            "    attestation: { predicateType: " + PredicateTypes.SLSA_PROVENANCE_V1 + " }",
            "    signers: [ci]",
            "    conditions:",
            "      - { path: /runDetails/builder/id, equals: \"" + BUILDER + "\" }",
            ""),
        StandardCharsets.UTF_8);
    return custody.readPolicy(file);
  }
}
