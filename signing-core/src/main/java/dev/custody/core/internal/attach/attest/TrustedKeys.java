package dev.custody.core.internal.attach.attest;

import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys an attestation may verify with: one verifier per distinct key among the trusted
 * signers, each bound to the algorithm the key fixes (STYLE.md §7). Certificate signers are not
 * keys and are not listed here. Immutable and thread-safe.
 */
final class TrustedKeys {
  private static final Logger LOG = LoggerFactory.getLogger(TrustedKeys.class);

  /** One trusted key: who it is to the policy engine, and how to check signatures with it. */
  record Key(SignerIdentity identity, Verifier verifier, String hint) {}

  private final List<Key> keys;

  private TrustedKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** {@return the keys of {@code signers}; a key that cannot be used is skipped with a warning} */
  static TrustedKeys of(List<TrustedSigner> signers) {
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
    return new TrustedKeys(new ArrayList<>(byAnchor.values()));
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
