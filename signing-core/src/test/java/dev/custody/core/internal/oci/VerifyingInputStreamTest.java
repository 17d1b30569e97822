package dev.custody.core.internal.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private static final Bytes LAYER = Bytes.utf8("hello, custody\n");
  private static final Descriptor LAYER_DESCRIPTOR = Descriptor.ofContent(MediaType.OCI_LAYER, LAYER);

  /** {@code yes custody | head -c 1073741831 | sha256sum}: 1 GiB plus 7 bytes. */
  private static final long GIB_PLUS_7 = (1L << 30) + 7;
  private static final Digest GIB_DIGEST =
      Digest.parse("sha256:a25175db889442222276289da5d16d1d07c78c9e366f730719d612ef6e3ad2ef");

  @Test
  void layer_matches_copiedAndVerified() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = BlobStreams.copyVerified(LAYER.openStream(), LAYER_DESCRIPTOR, out);
    assertEquals(15, n);
    assertEquals(Golden.LAYER_DIGEST, LAYER_DESCRIPTOR.digest().toString());
    assertArrayEquals(LAYER.toByteArray(), out.toByteArray());
  }

  @Test
  void moreThanOneGibibyteGenerated_digestedInOnePassInConstantMemory() throws IOException {
    // Surefire runs with -Xmx512m: holding the content anywhere would fail with OutOfMemoryError.
    PatternInputStream source = new PatternInputStream("custody\n", GIB_PLUS_7);
    Descriptor expected = Descriptor.of(MediaType.OCI_LAYER, GIB_DIGEST, GIB_PLUS_7);
    CountingSink sink = new CountingSink();
    long copied = BlobStreams.copyVerified(source, expected, sink);
    assertEquals(GIB_PLUS_7, copied);
    assertEquals(GIB_PLUS_7, sink.count);
    assertEquals(GIB_PLUS_7, source.served());
  }

  @Test
  void tamperedContent_rejectedNamingBothDigests() {
    Bytes tampered = Bytes.utf8("hello, custodY\n");
    ContentMismatchException e =
        assertThrows(
            ContentMismatchException.class,
            () -> BlobStreams.copyVerified(tampered.openStream(), LAYER_DESCRIPTOR, OutputStream.nullOutputStream()));
    assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
    assertTrue(e.getMessage().contains("expected digest " + Golden.LAYER_DIGEST), e.getMessage());
    assertTrue(e.getMessage().contains("got digest " + Digest.of(tampered)), e.getMessage());
    assertEquals(Digest.of(tampered), e.actualDigest().orElseThrow());
  }

  @Test
  void truncatedContent_rejectedNamingBothDigestsAndSizes() {
    Bytes truncated = Bytes.utf8("hello, cus");
    ContentMismatchException e =
        assertThrows(
            ContentMismatchException.class,
            () -> BlobStreams.copyVerified(truncated.openStream(), LAYER_DESCRIPTOR, OutputStream.nullOutputStream()));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("expected digest " + Golden.LAYER_DIGEST + " and 15 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("got digest " + Digest.of(truncated) + " and 10 bytes"), e.getMessage());
  }

  @Test
  void overlongContent_rejectedBeforeSurplusIsHandedOut() throws IOException {
    PatternInputStream endless = PatternInputStream.endless("hello, custody\n");
    ContentMismatchException e =
        assertThrows(
            ContentMismatchException.class,
            () -> BlobStreams.copyVerified(endless, LAYER_DESCRIPTOR, OutputStream.nullOutputStream()));
    assertTrue(e.getMessage().contains("longer than its descriptor says (expected 15 bytes"), e.getMessage());
    assertTrue(endless.served() <= 16, "read " + endless.served() + " bytes");
  }

  @Test
  void readingExactlyTheDeclaredSize_verifiesWithoutEndOfStream() throws IOException {
    VerifyingInputStream in = new VerifyingInputStream(LAYER.openStream(), LAYER_DESCRIPTOR);
    byte[] all = in.readNBytes(15);
    assertTrue(in.verified());
    assertArrayEquals(LAYER.toByteArray(), all);
    assertEquals(-1, in.read());
  }

  @Test
  void tamperedLastChunk_failsOnTheReadThatCompletesTheSize() throws IOException {
    VerifyingInputStream in =
        new VerifyingInputStream(Bytes.utf8("hello, custodY\n").openStream(), LAYER_DESCRIPTOR);
    byte[] buffer = new byte[10];
    assertEquals(10, in.read(buffer));
    assertFalse(in.verified());
    assertThrows(ContentMismatchException.class, () -> in.read(buffer));
  }

  @Test
  void skip_stillDigestsSkippedBytes() throws IOException {
    VerifyingInputStream in = new VerifyingInputStream(LAYER.openStream(), LAYER_DESCRIPTOR);
    assertEquals(7, in.skip(7));
    in.readAllBytes();
    assertTrue(in.verified());
    VerifyingInputStream bad =
        new VerifyingInputStream(Bytes.utf8("HELLO, custody\n").openStream(), LAYER_DESCRIPTOR);
    assertThrows(ContentMismatchException.class, () -> bad.skip(20));
  }

  @Test
  void emptyContent_verifiedAtEndOfStream() throws IOException {
    Descriptor empty = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.empty());
    InputStream in = new VerifyingInputStream(Bytes.empty().openStream(), empty);
    assertEquals(-1, in.read());
    assertThrows(
        ContentMismatchException.class,
        () -> new VerifyingInputStream(Bytes.utf8("x").openStream(), empty).read());
  }

  @Test
  void readVerified_returnsContent() throws IOException {
    assertEquals(LAYER, BlobStreams.readVerified(LAYER.openStream(), LAYER_DESCRIPTOR));
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
