package dev.custody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** {@link Bytes}: copies in and out, equality by content, hex and a short toString. */
class BytesTest {

  @Test
  void of_copiesTheArrayIn() {
    byte[] content = {1, 2, 3};
    Bytes b = Bytes.of(content);
    content[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
  }

  @Test
  void toByteArray_copiesTheArrayOut() {
    Bytes b = Bytes.of(new byte[] {1, 2, 3});
    b.toByteArray()[0] = 9;
    assertEquals(1, b.get(0));
  }

  @Test
  void openStream_readsTheContentEachTime() throws IOException {
    Bytes b = Bytes.utf8("abc");
    try (InputStream in = b.openStream()) {
      assertArrayEquals(new byte[] {'a', 'b', 'c'}, in.readAllBytes());
    }
    try (InputStream in = b.openStream()) {
      assertEquals('a', in.read());
    }
  }

  @Test
  void equals_isByContent() {
    assertEquals(Bytes.utf8("abc"), Bytes.of(new byte[] {'a', 'b', 'c'}));
    assertEquals(Bytes.utf8("abc").hashCode(), Bytes.of(new byte[] {'a', 'b', 'c'}).hashCode());
    assertEquals(Bytes.empty(), Bytes.utf8(""));
    assertEquals(Bytes.empty(), Bytes.of(new byte[0]));
    assertNotEquals(Bytes.utf8("abc"), Bytes.utf8("abd"));
  }

  @Test
  void utf8_encodesNonAscii_andAsUtf8DecodesIt() {
    Bytes b = Bytes.utf8("ü€");
    assertEquals(5, b.size());
    assertEquals("ü€", b.asUtf8());
  }

  @Test
  void hex_isLowerCase() {
    assertEquals("00ff7f80", Bytes.of(new byte[] {0, -1, 127, -128}).hex());
    assertEquals("", Bytes.empty().hex());
  }

  @Test
  void toString_showsLengthAndAtMostEightBytes() {
    assertEquals("Bytes[3 bytes: 616263]", Bytes.utf8("abc").toString());
    assertEquals("Bytes[10 bytes: 6162636465666768…]", Bytes.utf8("abcdefghij").toString());
  }

  @Test
  void sizeAndIsEmpty_describeTheContent() {
    assertTrue(Bytes.empty().isEmpty());
    assertEquals(0, Bytes.empty().size());
    assertFalse(Bytes.utf8("a").isEmpty());
  }

  @Test
  void get_outOfRange_throws() {
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.utf8("a").get(1));
  }

  @Test
  void nulls_throwNpeNamingTheParameter() {
    assertEquals("content", assertThrows(NullPointerException.class, () -> Bytes.of(null)).getMessage());
    assertEquals("text", assertThrows(NullPointerException.class, () -> Bytes.utf8(null)).getMessage());
  }
}
