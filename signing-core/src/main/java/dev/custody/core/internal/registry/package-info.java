/**
 * The OCI distribution protocol (FORMATS.md §2): {@link
 * dev.custody.core.internal.registry.RegistryStore}, an {@link dev.custody.store.ArtifactStore}
 * over one registry repository; the referrers tag schema fallback; {@code Link} pagination;
 * registry error mapping; and {@link dev.custody.core.internal.registry.ImageCopier}.
 *
 * <p>Authentication, retries and TLS are not here: they are OkHttp interceptors in the {@code auth}
 * and {@code http} subpackages, installed on the client a store is given. Every request carries a
 * {@link dev.custody.core.internal.registry.auth.RegistryScope} tag naming the least privilege it
 * needs. Every body read from the network is bounded.
 */
package dev.custody.core.internal.registry;
