package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** verify(sign(m)) holds, and any one-bit change to m or to the signature fails, for every algorithm. */
class SignVerifyProperties {

  @Provide
  Arbitrary<SignatureAlgorithm> algorithms() {
    return Arbitraries.of(SignatureAlgorithm.class);
  }

  static Signer signer(SignatureAlgorithm algorithm) throws Exception {
    return TestKeys.generated(algorithm.keyType()).signer(algorithm);
  }

  @Property(tries = 200)
  void verify_ofSign_holds(
      @ForAll("algorithms") SignatureAlgorithm algorithm, @ForAll @Size(max = 512) byte[] message)
      throws Exception {
    Signer signer = signer(algorithm);
    Verifier verifier = BcVerifiers.of(signer.publicKey());
    verifier.verify(Bytes.of(message), signer.sign(Bytes.of(message)));
  }

  @Property(tries = 200)
  void verify_oneBitFlippedInMessage_fails(
      @ForAll("algorithms") SignatureAlgorithm algorithm,
      @ForAll @Size(min = 1, max = 256) byte[] message,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position)
      throws Exception {
    Signer signer = signer(algorithm);
    Bytes signature = signer.sign(Bytes.of(message));
    byte[] tampered = flip(message, position % (message.length * 8));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> BcVerifiers.of(signer.publicKey()).verify(Bytes.of(tampered), signature));
    assertEquals(Reason.VERIFICATION_FAILED, e.reason());
  }

  @Property(tries = 200)
  void verify_oneBitFlippedInSignature_fails(
      @ForAll("algorithms") SignatureAlgorithm algorithm,
      @ForAll @Size(max = 256) byte[] message,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position)
      throws Exception {
    Signer signer = signer(algorithm);
    byte[] signature = signer.sign(Bytes.of(message)).toByteArray();
    byte[] tampered = flip(signature, position % (signature.length * 8));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> BcVerifiers.of(signer.publicKey()).verify(Bytes.of(message), Bytes.of(tampered)));
    assertEquals(Reason.VERIFICATION_FAILED, e.reason());
  }

  @Property(tries = 50)
  void signDigest_equalsSignOfMessage_whereTheAlgorithmHasAHash(
      @ForAll("algorithms") SignatureAlgorithm algorithm, @ForAll @Size(max = 256) byte[] message)
      throws Exception {
    if (algorithm.digestName().isEmpty()) {
      return;
    }
    Signer signer = signer(algorithm);
    Bytes digest = Bytes.of(Hashes.hash(algorithm, message));
    BcVerifiers.of(signer.publicKey()).verify(Bytes.of(message), signer.signDigest(digest));
  }

  static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
