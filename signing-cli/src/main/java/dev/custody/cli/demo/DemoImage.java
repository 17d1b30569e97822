package dev.custody.cli.demo;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny single-layer OCI image (image-spec manifest.md, config.md, layer.md) written through
 * {@link ArtifactStore}: one uncompressed tar layer holding {@code hello.txt}, a config whose
 * {@code rootfs.diff_ids} names the layer, and a manifest. JSON is written compactly by hand and
 * stored as written, so the digests are those of these exact bytes.
 */
public final class DemoImage {
  private DemoImage() {}

  /**
   * Creates an empty OCI image layout (image-layout.md: {@code oci-layout}, {@code index.json},
   * {@code blobs/}) in {@code directory}, which must not contain one yet.
   *
   * @param directory the layout directory
   * @throws IOException if it cannot be written
   */
  public static void createLayout(Path directory) throws IOException {
    Files.createDirectories(directory.resolve("blobs").resolve("sha256"));
    Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        directory.resolve("index.json"),
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
  }

  /**
   * Writes the image and points {@code tag} at it.
   *
   * @param store the store
   * @param tag the tag
   * @param greeting the content of {@code hello.txt}
   * @return the manifest descriptor
   * @throws StoreException if the store refuses a write
   */
  public static Descriptor write(ArtifactStore store, String tag, String greeting)
      throws StoreException {
    Bytes layer = tar("hello.txt", greeting.getBytes(StandardCharsets.UTF_8));
    Descriptor layerDescriptor = store.putBlob(MediaType.OCI_LAYER, layer);
    Bytes config =
        Bytes.utf8(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/cat\",\"/hello.txt\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDescriptor.digest() + "\"]}}");
    Descriptor configDescriptor = store.putBlob(MediaType.OCI_CONFIG, config);
    Bytes raw =
        Bytes.utf8(
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\","
                + "\"config\":" + descriptorJson(configDescriptor) + ","
                + "\"layers\":[" + descriptorJson(layerDescriptor) + "]}");
    ImageManifest manifest =
        ImageManifest.builder(MediaType.OCI_MANIFEST, configDescriptor)
            .layers(List.of(layerDescriptor))
            .build(raw);
    return store.putManifest(manifest, tag);
  }

  private static String descriptorJson(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }

  /** A POSIX ustar archive with one regular file (POSIX.1-2001 pax, "ustar Interchange Format"). */
  static Bytes tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] archive = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, archive, 0, 512);
    System.arraycopy(content, 0, archive, 512, content.length);
    return Bytes.of(archive);
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
