package dev.custody.core.internal.attach.cosign;

import dev.custody.core.internal.formats.JsonView;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code -a key=value} check of {@code cosign verify}: every required annotation must be among
 * the signed ones with exactly that string value. Runs on verified payloads only.
 */
final class RequiredAnnotations {
  private RequiredAnnotations() {}

  /**
   * Checks the signed annotations.
   *
   * @param required what the verifier requires
   * @param signed the string-valued annotations of the verified payload
   * @param signer who signed it, for the rejection
   * @return a CONDITION_FAILED rejection naming the first missing or different annotation, or empty
   *     when all match
   */
  static Optional<Rejection> check(
      Map<String, String> required, Map<String, String> signed, SignerIdentity signer) {
    for (Map.Entry<String, String> want : required.entrySet()) {
      String got = signed.get(want.getKey());
      if (!want.getValue().equals(got)) {
        return Optional.of(
            new Rejection(
                ReasonCode.CONDITION_FAILED,
                "signed annotation "
                    + want.getKey()
                    + (got == null
                        ? " is missing (expected \"" + want.getValue() + "\")"
                        : " differs (expected \""
                            + want.getValue()
                            + "\", got \""
                            + JsonView.shorten(got)
                            + "\")"),
                Optional.of(signer)));
      }
    }
    return Optional.empty();
  }
}
