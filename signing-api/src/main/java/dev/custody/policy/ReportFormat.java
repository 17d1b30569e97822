package dev.custody.policy;

/**
 * How a {@link CustodyReport} is rendered for people and scripts ({@code --output text|json}). Both
 * forms show the same facts; the JSON schema is POLICY.md "Report" with the compatible extensions
 * documented in docs/POLICY-NOTES.md.
 *
 * @see dev.custody.Custody#render(CustodyReport, ReportFormat)
 */
public enum ReportFormat {
  /** Lines for people: a header, then one line per stage and per piece of evidence. */
  TEXT,
  /** One pretty-printed JSON document ending in a newline (POLICY.md "Report"). */
  JSON
}
