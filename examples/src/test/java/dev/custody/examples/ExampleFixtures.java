package dev.custody.examples;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.PredicateTypes;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

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

  /** Writes {@code name.key} (PKCS#8) and {@code name.pub} and opens the private key. */
  public Signer signer(String name) throws Exception {
    writeKeyPair(dir.resolve("keys"), name);
    return custody.signer(
        KeyRef.parse(dir.resolve("keys").resolve(name + ".key").toString()), PasswordSource.none());
  }

  /** Writes an EC P-256 key pair as PEM files with the JDK alone. */
  public static void writeKeyPair(Path keys, String name)
      throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Files.createDirectories(keys);
    Files.writeString(keys.resolve(name + ".key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(keys.resolve(name + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
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
