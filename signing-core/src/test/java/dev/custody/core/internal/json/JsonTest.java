package dev.custody.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The one hardened mapper (issue 5: "duplicate keys, trailing tokens, depth and size limits
 * rejected"; STYLE.md §19): each limit refuses what exceeds it, naming what was read.
 */
class JsonTest {

  private static String rejected(String json) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Json.read(Bytes.utf8(json), "statement"));
    assertTrue(e.getMessage().startsWith("read statement: "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void read_duplicateKey_rejected() {
    String message = rejected("{\"predicateType\":\"a\",\"predicateType\":\"b\"}");

    assertTrue(message.contains("Duplicate field 'predicateType'"), message);
  }

  @Test
  void read_trailingTokens_rejected() {
    String message = rejected("{\"a\":1} {\"a\":2}");

    assertTrue(message.contains("malformed JSON"), message);
  }

  @Test
  void read_nestingAtAndBeyondTheLimit_acceptedThenRejected() throws Exception {
    String atLimit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    String beyond = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

    assertTrue(Json.read(Bytes.utf8(atLimit), "statement").isArray());
    String message = rejected(beyond);
    assertTrue(message.contains("nesting depth"), message);
  }

  @Test
  void read_stringLongerThanTheLimit_rejected() {
    String message = rejected("{\"payload\":\"" + "a".repeat(Json.MAX_STRING_LENGTH + 1) + "\"}");

    assertTrue(message.contains("String value length"), message);
  }

  @Test
  void read_overlongNumberAndNaN_rejected() {
    String number = rejected("{\"critical\":" + "9".repeat(101) + "}");
    String nan = rejected("{\"critical\":NaN}");

    assertTrue(number.contains("Number value length"), number);
    assertTrue(nan.contains("malformed JSON"), nan);
  }

  @Test
  void read_emptyDocument_rejected() {
    assertEquals("read statement: empty document", rejected(""));
  }
}
