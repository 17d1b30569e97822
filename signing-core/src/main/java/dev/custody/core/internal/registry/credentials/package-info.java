/**
 * Credential sources from the user's machine: docker {@code config.json} and docker credential
 * helpers (FORMATS §2.11, §2.12).
 */
package dev.custody.core.internal.registry.credentials;
