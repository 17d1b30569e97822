/**
 * The deployment gate (issue 6, "The gate"): deployment YAML (Kubernetes workloads, {@code List}s,
 * Azure Container Instances container groups) to a list of image occurrences with their locations,
 * one check per distinct image on a bounded pool, the gate report, and pinned output written by
 * splicing each image scalar's exact character range so every other byte stays as it was.
 *
 * <p>Verification itself is behind {@link dev.custody.core.internal.gate.ImageCheck}, which the
 * caller supplies (the provider builds it from a key or a custody policy).
 */
package dev.custody.core.internal.gate;
