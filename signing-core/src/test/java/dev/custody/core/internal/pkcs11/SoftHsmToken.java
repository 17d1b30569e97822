package dev.custody.core.internal.pkcs11;

import dev.custody.Bytes;
import dev.custody.core.internal.crypto.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * A SoftHSM2 token in a private temporary directory: its own {@code softhsm2.conf} (which the
 * library finds through {@code SOFTHSM2_CONF}, so code that loads the library must run in a child
 * process with {@link #environment()}), one initialised token, and helpers that put keys and
 * certificates on it with {@code pkcs11-tool} (OpenSC). Missing tools fail the test with the
 * install command; they never skip it.
 */
final class SoftHsmToken implements AutoCloseable {
  static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
  static final String INSTALL = "sudo apt-get install -y softhsm2 opensc";
  static final String LABEL = "custody";
  static final String PIN = "4711-custody-pin";
  static final String SO_PIN = "so-pin-0815";

  private final Path dir;
  private final Map<String, String> environment;
  private final Path pinFile;
  private final SigningKey caKey;

  private SoftHsmToken(Path dir, Map<String, String> environment, Path pinFile, SigningKey caKey) {
    this.dir = dir;
    this.environment = environment;
    this.pinFile = pinFile;
    this.caKey = caKey;
  }

  /** Creates the directory, the configuration and an initialised token labelled {@link #LABEL}. */
  static SoftHsmToken create() throws Exception {
    for (String tool : List.of("softhsm2-util", "pkcs11-tool")) {
      if (which(tool) == null) {
        throw new IllegalStateException(tool + " not found: " + INSTALL);
      }
    }
    if (!Files.isRegularFile(Path.of(MODULE))) {
      throw new IllegalStateException(MODULE + " not found: " + INSTALL);
    }
    Path dir = Files.createTempDirectory("custody-softhsm-");
    Path tokens = Files.createDirectory(dir.resolve("tokens"));
    Path config = dir.resolve("softhsm2.conf");
    Files.writeString(
        config,
        "directories.tokendir = "
            + tokens
            + "\n"
            + "objectstore.backend = file\n"
            + "log.level = ERROR\n"
            + "slots.removable = false\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SOFTHSM2_CONF", config.toString());
    env.remove(Pkcs11KeyProvider.MODULE_VARIABLE);
    Path pinFile = dir.resolve("pin");
    Files.writeString(pinFile, PIN + "\n");
    SigningKey ca =
        dev.custody.core.internal.crypto.KeyGenerators.generate(
            dev.custody.sign.KeyType.EC_P256, new SecureRandom());
    SoftHsmToken token = new SoftHsmToken(dir, Map.copyOf(env), pinFile, ca);
    token.run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        LABEL,
        "--pin",
        PIN,
        "--so-pin",
        SO_PIN);
    return token;
  }

  /** {@return the environment a child process needs: SOFTHSM2_CONF and the rest of ours} */
  Map<String, String> environment() {
    return environment;
  }

  /** {@return a file holding the user PIN} */
  Path pinFile() {
    return pinFile;
  }

  /** {@return the working directory, for extra files} */
  Path dir() {
    return dir;
  }

  /** {@return a URI for object {@code label}: module path and pin-source included} */
  String uri(String label) {
    return "pkcs11:token="
        + LABEL
        + ";object="
        + label
        + "?module-path="
        + MODULE
        + "&pin-source=file:"
        + pinFile;
  }

  /**
   * Generates a key pair on the token ({@code pkcs11-tool --keypairgen}); the private key is never
   * extractable. Returns the public key as SPKI DER, read back from the token.
   */
  Bytes generate(String label, String idHex, String keyType) throws Exception {
    pkcs11("--keypairgen", "--key-type", keyType, "--label", label, "--id", idHex);
    Path out = dir.resolve(label + ".pub.der");
    pkcs11("--read-object", "--type", "pubkey", "--id", idHex, "-o", out.toString());
    return Bytes.of(Files.readAllBytes(out));
  }

  /** Imports a private key from PKCS#8 DER ({@code pkcs11-tool --write-object --type privkey}). */
  void importKey(String label, String idHex, SigningKey key) throws Exception {
    Path out = dir.resolve(label + ".p8.der");
    byte[] pkcs8 = key.toPkcs8();
    try {
      Files.write(out, pkcs8);
      pkcs11(
          "--write-object", out.toString(), "--type", "privkey", "--label", label, "--id", idHex);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
      Files.delete(out);
    }
  }

  /**
   * Writes a certificate for {@code spki}, issued by this fixture's test CA, with the given id (and
   * label, unless null). The JDK sees a token key only when such a certificate exists.
   */
  void certify(String label, String idHex, Bytes spki) throws Exception {
    Path out = dir.resolve(idHex + ".crt.der");
    Files.write(out, certificate(spki, label == null ? idHex : label));
    List<String> args =
        new ArrayList<>(List.of("--write-object", out.toString(), "--type", "cert", "--id", idHex));
    if (label != null) {
      args.add("--label");
      args.add(label);
    }
    pkcs11(args.toArray(new String[0]));
  }

  private byte[] certificate(Bytes spki, String name)
      throws IOException, OperatorCreationException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            new X500Name("CN=Custody test CA, OU=NOT FOR PRODUCTION"),
            new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + name + ", OU=NOT FOR PRODUCTION"),
            SubjectPublicKeyInfo.getInstance(spki.toByteArray()));
    var signatureId = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    var digestId = new DefaultDigestAlgorithmIdentifierFinder().find(signatureId);
    byte[] pkcs8 = caKey.toPkcs8();
    AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(pkcs8);
    Arrays.fill(pkcs8, (byte) 0);
    return builder
        .build(new BcECContentSignerBuilder(signatureId, digestId).build(privateKey))
        .getEncoded();
  }

  /** Runs {@code pkcs11-tool} on this token, logged in. */
  String pkcs11(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "pkcs11-tool",
                "--module",
                MODULE,
                "--token-label",
                LABEL,
                "--login",
                "--pin",
                PIN));
    command.addAll(List.of(args));
    return run(command.toArray(new String[0]));
  }

  String run(String... command) throws Exception {
    Path log = Files.createTempFile(dir, "tool-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command[0] + " did not finish");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command).replace(PIN, "<pin>")
              + " failed (exit "
              + process.exitValue()
              + "): "
              + output);
    }
    return output;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static Path which(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return Path.of(d, tool);
      }
    }
    return Files.isExecutable(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : null;
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
