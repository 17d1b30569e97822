package dev.custody.core.internal.formats.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Digest;
import org.junit.jupiter.api.Test;

class PaeTest {
  @Test
  void encode_dsseSpecVector_matches() {
    // secure-systems-lab/dsse protocol.md test vector
    Bytes pae = Pae.encode("http://example.com/HelloWorld", Bytes.utf8("hello world"));

    assertEquals(Bytes.utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world"), pae);
  }

  @Test
  void encode_formatsStatement_matchesPrefixLengthAndDigest() {
    Bytes statement = Vectors.load("statement.json");

    Bytes pae = Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement);

    assertEquals(317, pae.size());
    assertEquals("DSSEv1 28 application/vnd.in-toto+json 274 " + statement.asUtf8(), pae.asUtf8());
    assertEquals(
        "sha256:e4f055305572b71dffd4d8ebae9164b243eca7e2dd03587d81ca85414d5c7ea9",
        Digest.of(pae).toString());
  }

  @Test
  void encode_nonAsciiType_countsUtf8Bytes() {
    Bytes pae = Pae.encode("é", Bytes.utf8("ü€"));

    assertEquals(Bytes.utf8("DSSEv1 2 é 5 ü€"), pae);
  }

  @Test
  void encode_emptyParts_haveZeroLengths() {
    assertEquals(Bytes.utf8("DSSEv1 0  0 "), Pae.encode(Bytes.empty(), Bytes.empty()));
  }
}
