/**
 * Registry authentication (FORMATS §2.10–§2.13) as OkHttp interceptors: {@code WWW-Authenticate}
 * parsing, bearer tokens from token services (GET, OAuth2 refresh POST, Azure Container Registry
 * exchange) cached per host and scope, basic credentials, and {@link
 * dev.custody.core.internal.registry.auth.RegistryHttpClients}, which builds the shared client.
 * Requests name the access they need with a {@link
 * dev.custody.core.internal.registry.auth.RegistryScope} tag.
 */
package dev.custody.core.internal.registry.auth;
