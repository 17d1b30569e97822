package dev.custody.core.internal.layout;

import static dev.custody.core.internal.layout.LayoutFixtures.putM1Blobs;
import static dev.custody.core.internal.layout.LayoutFixtures.putReferrerBlobs;
import static dev.custody.core.internal.layout.LayoutFixtures.subjectOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout may come from anyone (an extracted tar can hold symlinks and devices): listing referrers
 * scans blob files, and a blob that never ends must neither exhaust memory nor stop the listing.
 */
class LayoutHostileFilesTest {
  @TempDir Path tmp;

  @Test
  void referrers_blobSymlinkedToDevZero_isSkipped_andRealReferrersAreStillFound() throws Exception {
    try (LayoutStore store = LayoutStore.open(tmp.resolve("layout"), true)) {
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      ImageManifest blobOnly = putReferrerBlobs(store, subjectOf(m1), "blob-only");
      store.putBlob(subjectOf(blobOnly), blobOnly.raw().openStream());
      // Reports size 0 and delivers zeros for ever: before the bounded read this was an
      // OutOfMemoryError while listing.
      Files.createSymbolicLink(
          tmp.resolve("layout/blobs/sha256/" + "0".repeat(64)), Path.of("/dev/zero"));

      List<Descriptor> referrers = store.referrers(m1.digest());

      assertEquals(
          List.of(blobOnly.digest()),
          referrers.stream().map(Descriptor::digest).collect(Collectors.toList()));
    }
  }
}
