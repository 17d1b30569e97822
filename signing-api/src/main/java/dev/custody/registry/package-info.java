/**
 * How Custody reaches registries: {@link dev.custody.registry.Credential} values, the
 * {@link dev.custody.registry.CredentialProvider} and {@link dev.custody.registry.AzureTokenSource}
 * SPIs, and {@link dev.custody.registry.RegistryOptions} (credentials, TLS, plain-HTTP opt-ins,
 * timeouts, retries), carried to stores by {@link dev.custody.store.StoreOptions}.
 *
 * <p>Credentials belong to one registry host: Custody never sends them, nor tokens obtained with
 * them, to any other host (redirects to storage hosts travel without them). Secrets never appear
 * in {@code toString()}, exception messages or logs.
 */
package dev.custody.registry;
