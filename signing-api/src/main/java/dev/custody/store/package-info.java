/**
 * The single door to content: {@link dev.custody.store.ArtifactStore}, implemented by a registry
 * client and by an OCI image layout on disk, so every feature works online and offline alike.
 */
package dev.custody.store;
