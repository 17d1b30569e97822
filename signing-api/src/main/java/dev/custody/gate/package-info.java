/**
 * The deployment gate: verify every image that Kubernetes or Azure Container Instances deployment
 * YAML would run, right before it runs, and optionally pin each image to the digest that was
 * verified, so a tag moved after the check cannot change what is deployed (closing the
 * time-of-check to time-of-use gap of a pipeline step).
 *
 * <p>{@link dev.custody.gate.GateRequest} names the files and what to trust, {@link
 * dev.custody.gate.GateOptions} how to run (pinning, output, bounds, concurrency), and {@link
 * dev.custody.gate.GateReport} lists every distinct image with its verdict, reasons and every place
 * it occurs. {@link dev.custody.Custody#gate} runs it.
 *
 * <p>All types are immutable, thread-safe and null-free: absent parts are {@link
 * java.util.Optional}s or empty collections, and {@code null} arguments are rejected with a {@link
 * NullPointerException} naming the parameter.
 */
package dev.custody.gate;
