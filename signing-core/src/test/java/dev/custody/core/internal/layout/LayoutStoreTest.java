package dev.custody.core.internal.layout;

import static dev.custody.core.internal.layout.LayoutFixtures.SIGNATURE;
import static dev.custody.core.internal.layout.LayoutFixtures.putImageBlobs;
import static dev.custody.core.internal.layout.LayoutFixtures.putM1Blobs;
import static dev.custody.core.internal.layout.LayoutFixtures.putReferrerBlobs;
import static dev.custody.core.internal.layout.LayoutFixtures.subjectOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.oci.ContentMismatchException;
import dev.custody.core.internal.oci.Golden;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutStoreTest {
  @TempDir Path tmp;

  private LayoutStore create() throws StoreException {
    return LayoutStore.open(tmp.resolve("layout"), true);
  }

  private static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void create_missingDirectory_writesEmptyLayout() throws Exception {
    LayoutStore store = create();
    Path dir = tmp.resolve("layout");
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", read(dir.resolve("oci-layout")));
    assertEquals(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
        read(dir.resolve("index.json")));
    assertTrue(Files.isDirectory(dir.resolve("blobs/sha256")));
    assertEquals(List.of(), store.tags());
    assertEquals("oci:" + dir.toRealPath(), store.location());
  }

  @Test
  void open_missingWithoutCreate_notFound() {
    StoreException e = assertThrows(StoreException.class, () -> LayoutStore.open(tmp.resolve("nope"), false));
    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
  }

  @Test
  void open_directoryWithoutLayout_refused() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "hello");
    StoreException plain = assertThrows(StoreException.class, () -> LayoutStore.open(tmp, false));
    assertTrue(plain.getMessage().contains("not an OCI image layout"), plain.getMessage());
    StoreException create = assertThrows(StoreException.class, () -> LayoutStore.open(tmp, true));
    assertTrue(create.getMessage().contains("is not empty and has no oci-layout"), create.getMessage());
    assertFalse(Files.exists(tmp.resolve("index.json")));
  }

  @Test
  void open_unsupportedLayoutVersion_refused() throws Exception {
    create().close();
    Files.writeString(tmp.resolve("layout/oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
    StoreException e = assertThrows(StoreException.class, () -> LayoutStore.open(tmp.resolve("layout"), false));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().contains("expected 1.x, got \"2.0.0\""), e.getMessage());
  }

  @Test
  void roundTrip_imageAndIndex_reopenedReadsSameBytes() throws Exception {
    Manifest m1;
    ImageIndex index;
    try (LayoutStore store = create()) {
      m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      ImageManifest other = putImageBlobs(store, "arm64");
      store.putManifest(other);
      index =
          ManifestCodec.writeIndex(
              List.of(
                  subjectOf(m1).toBuilder().platform(Platform.of("linux", "amd64")).build(),
                  subjectOf(other).toBuilder().platform(Platform.parse("linux/arm64/v8")).build()));
      store.putManifest(index, "multi");
    }
    try (LayoutStore reopened = LayoutStore.open(tmp.resolve("layout"), false)) {
      Descriptor v1 = reopened.resolve("v1.0");
      assertEquals(Golden.M1_DIGEST, v1.digest().toString());
      assertEquals(395, v1.size());
      assertEquals(MediaType.OCI_MANIFEST, v1.mediaType());
      assertEquals(Golden.read("m1.json"), reopened.manifest(v1.digest()).raw());
      Descriptor multi = reopened.resolve("multi");
      assertEquals(index.raw(), reopened.manifest(multi.digest()).raw());
      assertEquals(MediaType.OCI_INDEX, multi.mediaType());
      assertEquals(List.of("v1.0", "multi"), reopened.tags());
      assertEquals(v1.digest(), reopened.resolve(Golden.M1_DIGEST).digest());
      ImageManifest back = (ImageManifest) reopened.manifest(v1.digest());
      ByteArrayOutputStream layer = new ByteArrayOutputStream();
      reopened.readBlob(back.layers().get(0), layer);
      assertEquals("hello, custody\n", layer.toString(StandardCharsets.UTF_8));
      assertEquals(Golden.read("m1-config.json"), reopened.readBlob(back.config(), 1024));
      assertTrue(reopened.hasBlob(back.config().digest()));
    }
    assertEquals(
        Golden.read("m1.json"),
        Bytes.of(Files.readAllBytes(tmp.resolve("layout/blobs/sha256/" + Golden.M1_DIGEST.substring(7)))));
  }

  @Test
  void m1TaggedPlusBundleReferrer_indexJsonMatchesFormatsExample() throws Exception {
    try (LayoutStore store = create()) {
      store.putManifest(putM1Blobs(store), "v1.0");
      Manifest referrer = ManifestCodec.parse(Golden.read("bundle-referrer.json"), Optional.empty());
      store.putManifest(referrer);
    }
    // FORMATS.md §7.3, byte for byte.
    assertEquals(Golden.read("layout-index.json").asUtf8(), read(tmp.resolve("layout/index.json")));
  }

  @Test
  void resolve_emptyTag_needsExactlyOneManifest() throws Exception {
    try (LayoutStore store = create()) {
      StoreException none = assertThrows(StoreException.class, () -> store.resolve(""));
      assertEquals(Reason.NOT_FOUND, none.reason());
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      assertEquals(m1.digest(), store.resolve("").digest());
      store.putManifest(putImageBlobs(store, "two"));
      StoreException two = assertThrows(StoreException.class, () -> store.resolve(""));
      assertTrue(two.getMessage().contains("index.json lists 2 manifests"), two.getMessage());
      assertTrue(two.getMessage().contains("name one with :TAG or @DIGEST"), two.getMessage());
    }
  }

  @Test
  void resolve_unknownTagOrDigest_notFound() throws Exception {
    try (LayoutStore store = create()) {
      StoreException tag = assertThrows(StoreException.class, () -> store.resolve("v9"));
      assertEquals(Reason.NOT_FOUND, tag.reason());
      assertTrue(tag.getMessage().contains(":v9: no manifest has this tag"), tag.getMessage());
      StoreException digest = assertThrows(StoreException.class, () -> store.resolve(Golden.M1_DIGEST));
      assertEquals(Reason.NOT_FOUND, digest.reason());
    }
  }

  @Test
  void putManifest_sameTagAgain_movesTagAndKeepsOldEntryUntagged() throws Exception {
    try (LayoutStore store = create()) {
      ImageManifest first = putImageBlobs(store, "first");
      ImageManifest second = putImageBlobs(store, "second");
      store.putManifest(first, "latest");
      store.putManifest(second, "latest");
      store.putManifest(second, "latest");
      assertEquals(second.digest(), store.resolve("latest").digest());
      assertEquals(List.of("latest"), store.tags());
      assertEquals(first.digest(), store.resolve(first.digest().toString()).digest());
      store.putManifest(first, "stable");
      assertEquals(List.of("stable", "latest"), store.tags());
      assertEquals(2, store.readIndex("test").entries().size());
    }
  }

  @Test
  void putManifest_invalidTag_callerMistake() throws Exception {
    try (LayoutStore store = create()) {
      ImageManifest m = putImageBlobs(store, "x");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> store.putManifest(m, "bad tag"));
      assertTrue(e.getMessage().contains("invalid layout tag \"bad tag\""), e.getMessage());
    }
  }

  @Test
  void putBlob_wrongDigest_leavesNothingBehind() throws Exception {
    try (LayoutStore store = create()) {
      Bytes content = Bytes.utf8("hello, custodY\n");
      Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER, Digest.parse(Golden.LAYER_DIGEST), 15);
      StoreException e = assertThrows(StoreException.class, () -> store.putBlob(claimed, content.openStream()));
      assertEquals(Reason.DIGEST_MISMATCH, e.reason());
      assertTrue(e.getMessage().contains("expected digest " + Golden.LAYER_DIGEST), e.getMessage());
      assertTrue(e.getMessage().contains("got digest " + Digest.of(content)), e.getMessage());
      assertFalse(store.hasBlob(claimed.digest()));
      try (Stream<Path> files = Files.list(tmp.resolve("layout/blobs/sha256"))) {
        assertEquals(List.of(), files.collect(Collectors.toList()));
      }
    }
  }

  @Test
  void putBlob_tooLong_leavesNothingBehind() throws Exception {
    try (LayoutStore store = create()) {
      Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER, Digest.parse(Golden.LAYER_DIGEST), 15);
      StoreException e =
          assertThrows(StoreException.class, () -> store.putBlob(claimed, Bytes.utf8("hello, custody\n!").openStream()));
      assertTrue(e.getMessage().contains("longer than its descriptor says"), e.getMessage());
      try (Stream<Path> files = Files.list(tmp.resolve("layout/blobs/sha256"))) {
        assertEquals(0, files.count());
      }
    }
  }

  @Test
  void tamperedBlobOnDisk_readRejectedNamingBothDigests() throws Exception {
    try (LayoutStore store = create()) {
      Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Golden.read("m1-layer.txt"));
      Path file = tmp.resolve("layout/blobs/sha256/" + layer.digest().hex());
      Files.writeString(file, "hello, custodY\n");
      StoreException e =
          assertThrows(StoreException.class, () -> store.readBlob(layer, OutputStream.nullOutputStream()));
      assertEquals(Reason.DIGEST_MISMATCH, e.reason());
      assertTrue(e.getMessage().contains("expected digest " + layer.digest()), e.getMessage());
      assertTrue(e.getMessage().contains("got digest " + Digest.of(Bytes.utf8("hello, custodY\n"))), e.getMessage());
      try (InputStream in = store.openBlob(layer)) {
        ContentMismatchException streamed = assertThrows(ContentMismatchException.class, in::readAllBytes);
        assertTrue(streamed.getMessage().contains("does not match its digest"), streamed.getMessage());
      }
    }
  }

  @Test
  void truncatedBlobOnDisk_readRejectedNamingBothDigests() throws Exception {
    try (LayoutStore store = create()) {
      Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Golden.read("m1-layer.txt"));
      Files.writeString(tmp.resolve("layout/blobs/sha256/" + layer.digest().hex()), "hello");
      StoreException e = assertThrows(StoreException.class, () -> store.readBlob(layer, 100));
      assertEquals(Reason.DIGEST_MISMATCH, e.reason());
      assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
      assertTrue(e.getMessage().contains("expected digest " + layer.digest() + " and 15 bytes"), e.getMessage());
      assertTrue(e.getMessage().contains("got digest " + Digest.of(Bytes.utf8("hello")) + " and 5 bytes"), e.getMessage());
    }
  }

  @Test
  void readBlob_overMaxBytes_refusedBeforeReading() throws Exception {
    try (LayoutStore store = create()) {
      Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Golden.read("m1-layer.txt"));
      StoreException e = assertThrows(StoreException.class, () -> store.readBlob(layer, 10));
      assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
      assertTrue(e.getMessage().contains("expected at most 10 bytes, got 15"), e.getMessage());
    }
  }

  @Test
  void tamperedManifestOnDisk_rejectedNamingBothDigests() throws Exception {
    try (LayoutStore store = create()) {
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      Path file = tmp.resolve("layout/blobs/sha256/" + m1.digest().hex());
      Files.write(file, Golden.read("m1-pretty.json").toByteArray());
      StoreException e = assertThrows(StoreException.class, () -> store.manifest(m1.digest()));
      assertEquals(Reason.DIGEST_MISMATCH, e.reason());
      assertTrue(e.getMessage().contains("(expected " + Golden.M1_DIGEST + ", got " + Golden.M1_PRETTY_DIGEST + ")"), e.getMessage());
    }
  }

  @Test
  void oversizedManifestBlob_refusedWithLimitExceeded() throws Exception {
    try (LayoutStore store = create()) {
      byte[] big = new byte[dev.custody.store.ArtifactStore.MAX_MANIFEST_BYTES + 1];
      Descriptor d = store.putBlob(MediaType.OCI_MANIFEST, Bytes.of(big));
      StoreException e = assertThrows(StoreException.class, () -> store.manifest(d.digest()));
      assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
      assertTrue(
          e.getMessage().endsWith("@" + d.digest() + ": read blob file: too large (expected at most 4194304 bytes, got 4194305)"),
          e.getMessage());
    }
  }

  @Test
  void oversizedIndexJson_refusedWithLimitExceeded() throws Exception {
    try (LayoutStore store = create()) {
      byte[] padded = new byte[LayoutIndex.MAX_INDEX_BYTES + 1];
      java.util.Arrays.fill(padded, (byte) ' ');
      Files.write(tmp.resolve("layout/index.json"), padded);
      StoreException e = assertThrows(StoreException.class, store::tags);
      assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
      assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
  }

  @Test
  void referrers_foundInIndexAndInBlobsOnly() throws Exception {
    try (LayoutStore store = create()) {
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      ImageManifest listed = putReferrerBlobs(store, subjectOf(m1), "listed");
      store.putManifest(listed);
      // cosign writes its bundle referrers only as blobs (FORMATS.md §7.2).
      ImageManifest blobOnly = putReferrerBlobs(store, subjectOf(m1), "blob-only");
      store.putBlob(subjectOf(blobOnly), blobOnly.raw().openStream());
      ImageManifest elsewhere = putImageBlobs(store, "other");
      store.putManifest(elsewhere);
      store.putManifest(putReferrerBlobs(store, subjectOf(elsewhere), "other"));

      List<Descriptor> referrers = store.referrers(m1.digest());
      assertEquals(List.of(listed.digest(), blobOnly.digest()), referrers.stream().map(Descriptor::digest).collect(Collectors.toList()));
      assertEquals(Optional.of(SIGNATURE), referrers.get(0).artifactType());
      assertEquals("blob-only", referrers.get(1).annotations().get("note"));
      assertEquals(2, store.referrers(m1.digest(), SIGNATURE).size());
      assertEquals(List.of(), store.referrers(m1.digest(), MediaType.of("application/x-none")));
      assertEquals(blobOnly.digest(), store.resolve(blobOnly.digest().toString()).digest());
      // the listed referrer carries its artifactType in index.json, without a ref.name
      Descriptor entry = store.readIndex("test").entries().stream()
          .filter(d -> d.digest().equals(listed.digest())).findFirst().orElseThrow();
      assertEquals(Optional.of(SIGNATURE), entry.artifactType());
      assertTrue(entry.annotations().isEmpty());
    }
  }

  @Test
  void referrers_corruptCandidateSkipped() throws Exception {
    try (LayoutStore store = create()) {
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      ImageManifest listed = putReferrerBlobs(store, subjectOf(m1), "listed");
      store.putManifest(listed);
      Path file = tmp.resolve("layout/blobs/sha256/" + listed.digest().hex());
      Files.writeString(file, listed.raw().asUtf8().replace("listed", "forged"));
      assertEquals(List.of(), store.referrers(m1.digest()));
    }
  }

  @Test
  void deleteManifest_removesEntryTagAndBlob() throws Exception {
    try (LayoutStore store = create()) {
      Manifest m1 = putM1Blobs(store);
      store.putManifest(m1, "v1.0");
      store.putManifest(m1, "latest");
      store.deleteManifest(m1.digest());
      assertEquals(List.of(), store.tags());
      assertFalse(store.hasBlob(m1.digest()));
      StoreException e = assertThrows(StoreException.class, () -> store.deleteManifest(m1.digest()));
      assertEquals(Reason.NOT_FOUND, e.reason());
    }
  }

  @Test
  void rewrite_keepsFieldsCustodyDoesNotKnow() throws Exception {
    LayoutStore store = create();
    Manifest m1 = putM1Blobs(store);
    store.putBlob(subjectOf(m1), m1.raw().openStream());
    String foreign =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"x-tool\":{\"v\":1},"
            + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + m1.digest() + "\",\"size\":395,\"annotations\":{\"kind\":\"dev.cosignproject.cosign/image\"},\"x-extra\":true}]}";
    Files.writeString(tmp.resolve("layout/index.json"), foreign);
    store.putManifest(m1, "v1.0");
    String rewritten = read(tmp.resolve("layout/index.json"));
    assertTrue(rewritten.contains("\"x-tool\":{\"v\":1}"), rewritten);
    assertTrue(rewritten.contains("\"x-extra\":true"), rewritten);
    assertTrue(
        rewritten.contains("\"annotations\":{\"kind\":\"dev.cosignproject.cosign/image\",\"org.opencontainers.image.ref.name\":\"v1.0\"}"),
        rewritten);
    assertEquals(m1.digest(), store.resolve("v1.0").digest());
  }

  @Test
  void atomicWrites_leaveNoTemporaryFiles() throws Exception {
    try (LayoutStore store = create()) {
      store.putManifest(putM1Blobs(store), "v1.0");
      try (Stream<Path> files = Files.walk(tmp.resolve("layout"))) {
        List<String> temps = files.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith(AtomicFiles.TEMP_PREFIX)).collect(Collectors.toList());
        assertEquals(List.of(), temps);
      }
    }
  }

  @Test
  void closedStore_isCallerMistake() throws Exception {
    LayoutStore store = create();
    store.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, store::tags);
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
  }

  @Test
  void openBlob_verifiedStreamReturnsContent() throws Exception {
    try (LayoutStore store = create()) {
      Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Golden.read("m1-layer.txt"));
      try (InputStream in = store.openBlob(layer)) {
        assertArrayEquals(Golden.read("m1-layer.txt").toByteArray(), in.readAllBytes());
      }
      StoreException missing =
          assertThrows(StoreException.class, () -> store.openBlob(Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("?"))));
      assertEquals(Reason.NOT_FOUND, missing.reason());
    }
  }
}
