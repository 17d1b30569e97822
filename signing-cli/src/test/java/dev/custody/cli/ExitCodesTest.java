package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.sign.KeyException;
import dev.custody.sign.VerificationException;
import dev.custody.store.StoreException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ExitCodesTest {

  @ParameterizedTest
  @CsvSource({
    "NOT_FOUND, 3",
    "UNAUTHORIZED, 3",
    "DENIED, 3",
    "RATE_LIMITED, 3",
    "PROTOCOL, 3",
    "IO, 3",
    "DIGEST_MISMATCH, 3",
    "LIMIT_EXCEEDED, 3",
    "INVALID_INPUT, 2",
    "UNSUPPORTED, 2",
    "KEY, 2",
    "VERIFICATION_FAILED, 1"
  })
  void storeFailure_reason_mapsToCliMdCode(Reason reason, int expected) {
    assertEquals(expected, ExitCodes.of(new StoreException(reason, "x", null)));
  }

  @ParameterizedTest
  @EnumSource(value = Reason.class, names = {"IO", "LIMIT_EXCEEDED", "INVALID_INPUT", "UNSUPPORTED"})
  void invalidInput_anyReason_isTheUsersInput_exit2(Reason reason) {
    assertEquals(2, ExitCodes.of(new InvalidInputException(reason, "read policy.yaml: x")));
  }

  @Test
  void verification_digestMismatch_isAFailedVerification_exit1() {
    CustodyException e =
        new VerificationException(Reason.DIGEST_MISMATCH, "signature names another image", null);

    assertEquals(1, ExitCodes.of(e));
  }

  @Test
  void verification_invalidInput_isBadInput_exit2() {
    assertEquals(2, ExitCodes.of(new VerificationException("read public key: not PEM")));
  }

  @Test
  void key_wrongPassword_exit2() {
    assertEquals(2, ExitCodes.of(new KeyException(Reason.KEY, "decrypt cosign.key: wrong password", null)));
  }

  @Test
  void key_missingFile_isTheUsersInput_exit2WithAKeyPathHint() {
    KeyException e = new KeyException(Reason.NOT_FOUND, "read public key k.pub: no such file", null);

    assertEquals(2, ExitCodes.of(e));
    assertEquals(
        "check the key path: the file does not exist (create one with custody generate-key-pair)",
        ExitCodes.hint(e));
  }

  @Test
  void store_notFound_keepsTheReferenceHint() {
    assertEquals(
        ExitCodes.hint(Reason.NOT_FOUND), ExitCodes.hint(new StoreException(Reason.NOT_FOUND, "x", null)));
  }

  @Test
  void hint_everyReasonButVerificationFailed_hasOne() {
    for (Reason reason : EnumSet.complementOf(EnumSet.of(Reason.VERIFICATION_FAILED))) {
      assertFalse(ExitCodes.hint(reason).isEmpty(), reason.name());
    }
  }
}
