/**
 * One class per registry endpoint (STYLE.md §13): each owns its method, URL, {@code Accept} header,
 * expected statuses, bounded response handling and the action phrase of its error messages.
 * Stateless; the {@link dev.custody.core.internal.registry.RegistryTarget} carries the client,
 * registry and repository.
 */
package dev.custody.core.internal.registry.endpoint;
