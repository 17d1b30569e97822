package dev.custody.core.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.store.ArtifactStore;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BoundedReadsTest {
  private static final int MAX = ArtifactStore.MAX_MANIFEST_BYTES;

  @Test
  void endlessStreamWithoutDeclaredSize_stopsOneBytePastTheBound() {
    PatternInputStream endless = PatternInputStream.endless("{\"a\":1}");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> BoundedReads.readManifest(endless, OptionalLong.empty(), "manifest test"));
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(MAX + 1L, endless.served());
    assertTrue(e.getMessage().startsWith("read manifest test: too large (expected at most 4194304 bytes"), e.getMessage());
  }

  @Test
  void declaredSizeOverTheBound_refusedBeforeReadingAnything() {
    PatternInputStream endless = PatternInputStream.endless("x");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> BoundedReads.readManifest(endless, OptionalLong.of(MAX + 1L), "manifest test"));
    assertEquals(0, endless.served());
    assertTrue(e.getMessage().contains("got 4194305"), e.getMessage());
  }

  @Test
  void lyingSmallDeclaredSize_stillCappedByActualRead() {
    PatternInputStream endless = PatternInputStream.endless("x");
    assertThrows(
        InvalidInputException.class,
        () -> BoundedReads.readManifest(endless, OptionalLong.of(10), "manifest test"));
    assertEquals(MAX + 1L, endless.served());
  }

  @Test
  void exactlyTheBound_accepted() throws IOException, InvalidInputException {
    Bytes read = BoundedReads.readManifest(new PatternInputStream("ab", MAX), OptionalLong.empty(), "m");
    assertEquals(MAX, read.size());
  }

  @Test
  void smallManifest_readWhole() throws IOException, InvalidInputException {
    Bytes m1 = Golden.read("m1.json");
    assertEquals(m1, BoundedReads.readManifest(m1.openStream(), OptionalLong.of(395), "m"));
  }
}
