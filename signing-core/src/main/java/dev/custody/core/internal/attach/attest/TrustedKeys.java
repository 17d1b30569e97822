package dev.custody.core.internal.attach.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.pki.CertificateSigners;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.Verifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an attestation may verify with: one verifier per distinct key among the trusted signers,
 * each bound to the algorithm the key fixes (STYLE.md §7), and the certificate signers, which
 * accept an envelope signed with the key of a certificate the envelope's storage carries ({@link
 * CertificateSigners}), at the statement's signed time or, without one, at {@link #now()}.
 * Immutable and thread-safe.
 */
final class TrustedKeys {
  private static final Logger LOG = LoggerFactory.getLogger(TrustedKeys.class);

  /** One trusted key: who it is to the policy engine, and how to check signatures with it. */
  record Key(SignerIdentity identity, Verifier verifier, String hint) {}

  private final List<Key> keys;
  private final CertificateSigners certificates;
  private final Instant now;

  private TrustedKeys(List<Key> keys, CertificateSigners certificates, Instant now) {
    this.keys = List.copyOf(keys);
    this.certificates = certificates;
    this.now = now;
  }

  /**
   * {@return the keys and certificate signers of {@code signers}; a key that cannot be used is
   * skipped with a warning}
   *
   * @param signers the trusted signers
   * @param now the verification time
   */
  static TrustedKeys of(List<TrustedSigner> signers, Instant now) {
    Map<String, Key> byAnchor = new LinkedHashMap<>();
    for (TrustedSigner s : signers) {
      if (s.publicKey().isEmpty() || byAnchor.containsKey(s.anchorId())) {
        continue;
      }
      try {
        Verifier verifier = BcVerifiers.of(PublicKeyInfo.of(s.publicKey().get()));
        byAnchor.put(
            s.anchorId(),
            new Key(
                SignerIdentity.ofKey(s.keyFingerprint().get()),
                verifier,
                SigstoreBundle.cosignKeyHint(s.publicKey().get())));
      } catch (KeyException e) {
        LOG.warn("trusted signer {} is not usable: {}", s.name(), e.getMessage());
      }
    }
    return new TrustedKeys(
        new ArrayList<>(byAnchor.values()),
        CertificateSigners.of(signers),
        requireNonNull(now, "now"));
  }

  /** {@return the certificate signers} */
  CertificateSigners certificates() {
    return certificates;
  }

  /** {@return the verification time} */
  Instant now() {
    return now;
  }

  /** {@return the keys in signer order} */
  List<Key> keys() {
    return keys;
  }

  /** {@return whether some trusted key has the cosign hint {@code hint}} */
  boolean hasHint(String hint) {
    return keys.stream().anyMatch(k -> k.hint().equals(hint));
  }
}
