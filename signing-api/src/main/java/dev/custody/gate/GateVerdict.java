package dev.custody.gate;

/** The outcome of the gate for one image. Only {@link #PASS} lets the image through. */
public enum GateVerdict {
  /** The image was verified; its digest is the one to deploy. */
  PASS,
  /** The image was checked and did not satisfy what the gate trusts (unsigned, policy failed). */
  FAIL,
  /**
   * The image could not be checked (registry unreachable, not found, a bound exceeded); the gate
   * fails closed, and {@link GateImage#error()} says why.
   */
  ERROR;

  /**
   * {@return the lower-case name used in JSON output: {@code pass}, {@code fail} or {@code error}}
   */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
