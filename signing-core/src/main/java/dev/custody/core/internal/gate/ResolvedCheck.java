package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.util.Optional;

/**
 * What the gate learned about one distinct reference: the digest it resolved to (the written one
 * for a pinned reference; empty when resolution failed) and the result of checking that digest.
 * Every reference that resolved to the same repository and digest shares one check result.
 *
 * @param digest the digest every occurrence of the reference is pinned to
 * @param result the check of {@code digest}, or the error that kept it from being resolved or
 *     checked
 */
record ResolvedCheck(Optional<Digest> digest, CheckResult result) {
  ResolvedCheck {
    requireNonNull(digest, "digest");
    requireNonNull(result, "result");
  }
}
