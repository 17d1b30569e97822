package dev.custody.bench;

import dev.custody.Bytes;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One signature verification over a cosign-sized payload (a simple-signing document, ~270 bytes),
 * one thread: Custody's verifier ({@link BcVerifiers}, Bouncy Castle's lightweight API, which the
 * cosign path uses) against the JDK's providers (SunEC, SunRsaSign) for ECDSA P-256, Ed25519 and
 * RSA-3072 PKCS#1 v1.5. Signatures are made once with the JDK; every benchmark checks a valid one
 * and fails loudly if it does not verify.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SignatureVerifyBenchmark {
  private static final byte[] PAYLOAD =
      ("{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example/team/app\"},"
              + "\"image\":{\"docker-manifest-digest\":\"sha256:"
              + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"},"
              + "\"type\":\"cosign container image signature\"},\"optional\":null}")
          .getBytes(StandardCharsets.UTF_8);

  private final Bytes message = Bytes.of(PAYLOAD);
  private Case p256;
  private Case ed25519;
  private Case rsa3072;

  /** Generates the three keys and signs the payload once with each. */
  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    p256 = new Case(ec.generateKeyPair(), "SHA256withECDSA", "SunEC", SignatureAlgorithm.ECDSA_P256_SHA256);
    ed25519 =
        new Case(
            KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair(),
            "Ed25519",
            "SunEC",
            SignatureAlgorithm.ED25519);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
    rsa.initialize(3072);
    rsa3072 =
        new Case(rsa.generateKeyPair(), "SHA256withRSA", "SunRsaSign", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  /** A key, a signature over the payload, and both verifiers. */
  private static final class Case {
    final PublicKey jcaKey;
    final String jcaAlgorithm;
    final String jcaProvider;
    final Verifier custody;
    final Bytes signature;
    final byte[] rawSignature;

    Case(KeyPair pair, String jcaAlgorithm, String jcaProvider, SignatureAlgorithm algorithm)
        throws Exception {
      this.jcaKey = pair.getPublic();
      this.jcaAlgorithm = jcaAlgorithm;
      this.jcaProvider = jcaProvider;
      Signature signer = Signature.getInstance(jcaAlgorithm, jcaProvider);
      signer.initSign(pair.getPrivate());
      signer.update(PAYLOAD);
      this.rawSignature = signer.sign();
      this.signature = Bytes.of(rawSignature);
      this.custody =
          BcVerifiers.of(PublicKeyInfo.of(Bytes.of(pair.getPublic().getEncoded()), algorithm));
      custody.verify(Bytes.of(PAYLOAD), signature);
      if (!jca()) {
        throw new IllegalStateException(jcaAlgorithm + " does not verify");
      }
    }

    boolean jca() throws GeneralSecurityException {
      Signature verifier = Signature.getInstance(jcaAlgorithm, jcaProvider);
      verifier.initVerify(jcaKey);
      verifier.update(PAYLOAD);
      return verifier.verify(rawSignature);
    }
  }

  private static boolean check(boolean valid) {
    if (!valid) {
      throw new IllegalStateException("a valid signature did not verify");
    }
    return true;
  }

  /** Custody (BC) ECDSA P-256. */
  @Benchmark
  public Verifier custodyEcdsaP256() throws VerificationException {
    p256.custody.verify(message, p256.signature);
    return p256.custody;
  }

  /** JCA SunEC ECDSA P-256 (the default provider for SHA256withECDSA). */
  @Benchmark
  public boolean jcaSunEcEcdsaP256() throws GeneralSecurityException {
    return check(p256.jca());
  }

  /** Custody (BC) Ed25519. */
  @Benchmark
  public Verifier custodyEd25519() throws VerificationException {
    ed25519.custody.verify(message, ed25519.signature);
    return ed25519.custody;
  }

  /** JCA SunEC Ed25519. */
  @Benchmark
  public boolean jcaSunEcEd25519() throws GeneralSecurityException {
    return check(ed25519.jca());
  }

  /** Custody (BC) RSA-3072 PKCS#1 v1.5 SHA-256. */
  @Benchmark
  public Verifier custodyRsa3072() throws VerificationException {
    rsa3072.custody.verify(message, rsa3072.signature);
    return rsa3072.custody;
  }

  /** JCA SunRsaSign RSA-3072 PKCS#1 v1.5 SHA-256. */
  @Benchmark
  public boolean jcaSunRsaSignRsa3072() throws GeneralSecurityException {
    return check(rsa3072.jca());
  }
}
