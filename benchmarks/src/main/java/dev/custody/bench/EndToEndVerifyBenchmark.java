package dev.custody.bench;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.crypto.TestCertificates;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.oci.ImageReference;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature verification end to end on an OCI image layout, through the public API: an image
 * signed once by each of {@code signers} P-256 keys, verified with all of them trusted. Each
 * operation is a whole {@link Custody#verify}: resolve the tag, discover the signatures, read them,
 * check every one and its binding to the digest. The slope between 1 and 8 signers is the
 * per-signature cost; the intercept is the fixed cost of one verification.
 *
 * <p>{@code cosign}: cosign tag scheme, keys trusted directly. {@code notation}: Notary referrers,
 * self-signed certificates in a notation trust store with a strict trust policy. A format Custody
 * cannot sign yet fails its set-up with "not supported yet" (JMH reports it and goes on).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EndToEndVerifyBenchmark {
  @Param({"cosign", "notation"})
  String format;

  @Param({"1", "8"})
  int signers;

  private Path dir;
  private Custody custody;
  private ImageReference image;
  private VerifyOptions options;

  /** Writes the layout, makes the keys and signs once with each. */
  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("custody-bench-verify");
    Path layout = dir.resolve("layout");
    BenchImages.writeLayout(layout, 7);
    custody = Custody.builder().build();
    image = ImageReference.parse("oci:" + layout + ":" + BenchImages.TAG);
    try {
      options = format.equals("cosign") ? signCosign() : signNotation();
      SignatureReport report = verify();
      if (report.outcome() != SignatureOutcome.VERIFIED || report.examined().size() != signers) {
        throw new IllegalStateException(
            "set-up: expected " + signers + " verified signatures, got " + report.outcome()
                + " with " + report.examined().size() + ": " + report.message());
      }
    } catch (Exception | Error e) {
      tearDown(); // JMH skips the tear-down when the set-up fails
      throw e;
    }
  }

  private VerifyOptions signCosign() throws Exception {
    List<TrustedSigner> trusted = new ArrayList<>();
    KeyPairOptions keys = KeyPairOptions.builder().fileFormat(KeyFileFormat.PKCS8).build();
    for (int i = 0; i < signers; i++) {
      Path prefix = dir.resolve("key" + i);
      custody.generateKeyPair(prefix, keys, PasswordSource.none());
      custody.sign(
          image,
          custody.signer(KeyRef.parse("file:" + prefix + ".key"), PasswordSource.none()),
          SignOptions.defaults());
      trusted.add(custody.trustedKey("signer" + i, KeyRef.parse("file:" + prefix + ".pub")));
    }
    return VerifyOptions.builder().signers(trusted).build();
  }

  private VerifyOptions signNotation() throws Exception {
    SecureRandom random = new SecureRandom();
    StringBuilder pem = new StringBuilder();
    for (int i = 0; i < signers; i++) {
      TestCertificate certificate =
          TestCertificates.generate(
              "Bench Signer " + i,
              KeyType.EC_P256,
              Duration.ofDays(2),
              Instant.now().minus(Duration.ofDays(1)),
              random);
      custody.sign(
          image,
          certificate.signer(),
          SignOptions.builder()
              .format(SignatureFormat.NOTATION)
              .certificateChain(List.of(Bytes.of(certificate.certificate().getEncoded())))
              .build());
      pem.append(Certificates.pem(certificate.certificate()));
    }
    Path store = dir.resolve("truststore");
    Path ca = Files.createDirectories(store.resolve("x509").resolve("ca").resolve("bench"));
    Files.writeString(ca.resolve("cert.pem"), pem);
    Path policy = dir.resolve("trustpolicy.json");
    Files.writeString(
        policy,
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"bench\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:bench\"],"
            + "\"trustedIdentities\":[\"*\"]}]}");
    return VerifyOptions.builder().notaryTrust(policy, store).build();
  }

  /** Removes the temporary directory. */
  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** One whole verification. */
  @Benchmark
  public SignatureReport verify() throws Exception {
    return custody.verify(image, options);
  }
}
