package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code trustPolicies}. Built only by {@link TrustPolicyReader}, which enforces the
 * rules; for level {@code skip} there are no stores and no identities.
 *
 * @param name the unique statement name
 * @param registryScopes {@code ["*"]} or repositories
 * @param signatureVerification level, overrides, timestamp option
 * @param trustStores the named stores (empty only for skip)
 * @param trustedIdentities the identities (absent only for skip)
 */
public record TrustPolicyStatement(
    String name,
    List<String> registryScopes,
    SignatureVerification signatureVerification,
    List<TrustStoreRef> trustStores,
    Optional<TrustedIdentities> trustedIdentities) {

  /** Copies. */
  public TrustPolicyStatement {
    requireNonNull(name, "name");
    registryScopes = List.copyOf(registryScopes);
    requireNonNull(signatureVerification, "signatureVerification");
    trustStores = List.copyOf(trustStores);
    requireNonNull(trustedIdentities, "trustedIdentities");
  }

  /** {@return whether this statement is the global one, scope {@code "*"}} */
  public boolean isGlobal() {
    return registryScopes.contains(RegistryScopes.WILDCARD);
  }

  /** {@return the stores of {@code type} this statement names, in order, without repeats} */
  public List<TrustStoreRef> trustStores(TrustStoreType type) {
    return trustStores.stream().filter(r -> r.type() == type).distinct().toList();
  }
}
