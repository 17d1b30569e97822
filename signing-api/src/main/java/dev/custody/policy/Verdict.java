package dev.custody.policy;

/** The outcome of a custody evaluation. Only {@link #PASS} lets an image through. */
public enum Verdict {
  /** Every stage is satisfied. */
  PASS,
  /** At least one stage is not satisfied. */
  FAIL;

  /** {@return the lower-case name used in the JSON report, {@code pass} or {@code fail}} */
  public String id() {
    return this == PASS ? "pass" : "fail";
  }
}
