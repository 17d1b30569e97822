package dev.custody.core.internal.formats.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.custody.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PaeProperties {
  @Property(tries = 2000)
  void encode_isInjectiveOverBytes(
      @ForAll byte[] type1, @ForAll byte[] body1, @ForAll byte[] type2, @ForAll byte[] body2) {
    Assume.that(!Arrays.equals(type1, type2) || !Arrays.equals(body1, body2));

    assertNotEquals(
        Pae.encode(Bytes.of(type1), Bytes.of(body1)), Pae.encode(Bytes.of(type2), Bytes.of(body2)));
  }

  @Property(tries = 2000)
  void encode_shiftingBytesBetweenTypeAndBody_changesEncoding(
      @ForAll byte[] type, @ForAll byte[] body) {
    // the classic ambiguity length prefixes prevent: move one byte across the boundary
    Assume.that(body.length > 0);
    byte[] longerType = Arrays.copyOf(type, type.length + 1);
    longerType[type.length] = body[0];
    byte[] shorterBody = Arrays.copyOfRange(body, 1, body.length);

    assertNotEquals(
        Pae.encode(Bytes.of(type), Bytes.of(body)),
        Pae.encode(Bytes.of(longerType), Bytes.of(shorterBody)));
  }

  @Property(tries = 2000)
  void encode_prefixesAreUtf8ByteCounts(@ForAll String type, @ForAll String body) {
    byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);

    byte[] pae = Pae.encode(type, Bytes.utf8(body)).toByteArray();

    byte[] expectedHead = ("DSSEv1 " + typeBytes.length + " ").getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(expectedHead, Arrays.copyOf(pae, expectedHead.length));
    int afterType = expectedHead.length + typeBytes.length;
    assertArrayEquals(typeBytes, Arrays.copyOfRange(pae, expectedHead.length, afterType));
    byte[] bodyHead = (" " + bodyBytes.length + " ").getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(bodyHead, Arrays.copyOfRange(pae, afterType, afterType + bodyHead.length));
    assertEquals(afterType + bodyHead.length + bodyBytes.length, pae.length);
  }
}
