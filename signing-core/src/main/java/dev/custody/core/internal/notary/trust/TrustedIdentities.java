package dev.custody.core.internal.notary.trust;

import java.util.List;

/**
 * A statement's {@code trustedIdentities}: either any identity ({@code "*"}) or a list of X.509
 * subjects; a leaf matches when one listed DN is a subset of its subject (notation-go
 * {@code verifier/verifier.go} {@code verifyX509TrustedIdentities}).
 *
 * @param any {@code true} for {@code ["*"]}
 * @param subjects the {@code x509.subject:} DNs (empty when {@code any})
 */
public record TrustedIdentities(boolean any, List<DistinguishedName> subjects) {
  /** Copies and checks that exactly one form is used. */
  public TrustedIdentities {
    subjects = List.copyOf(subjects);
    if (any != subjects.isEmpty()) {
      throw new IllegalArgumentException("trusted identities are either \"*\" or x509 subjects");
    }
  }

  /** {@return the wildcard form} */
  public static TrustedIdentities anyIdentity() {
    return new TrustedIdentities(true, List.of());
  }

  /** {@return whether a leaf with subject {@code leaf} is trusted} */
  public boolean matches(DistinguishedName leaf) {
    return any || subjects.stream().anyMatch(dn -> dn.isSubsetOf(leaf));
  }
}
