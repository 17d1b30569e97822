/**
 * Test support shared by every module's tests (published in {@code signing-core}'s test-jar):
 * {@link dev.custody.core.testing.RegistryFixture} starts a real registry (Debian's
 * {@code docker-registry}), {@link dev.custody.core.testing.TestImages} builds small OCI images
 * in-process and writes them as OCI image layouts, and {@link dev.custody.core.testing.Skopeo}
 * runs {@code skopeo} with a bounded wait to move them around and to cross-check our digests.
 */
package dev.custody.core.testing;
