package dev.custody.core.testing;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small, real OCI images in-process and writes them as OCI image layouts, so tests need no
 * outside registry.
 *
 * <pre>{@code
 * TestImages.Image image = TestImages.image("hello");                 // linux/amd64
 * TestImages.Index index = TestImages.index("hello");                 // linux/amd64 + linux/arm64
 * Path layout = TestImages.writeLayout(dir, Map.of("v1", image, "multi", index));
 * Digest d = image.digest();                                          // the manifest digest
 * }</pre>
 *
 * <p>Each image is one uncompressed tar layer (two files whose content names the variant and
 * platform), an OCI config whose {@code rootfs.diff_ids} names that layer, and an OCI image
 * manifest. Everything is deterministic: the same variant gives the same digests, and different
 * variants give different ones. JSON is written compactly by hand, exactly as stored.
 *
 * <p>The layout is written with plain file writes ({@code oci-layout}, {@code index.json} with
 * {@code org.opencontainers.image.ref.name}, {@code blobs/sha256/<hex>}), independent of the
 * layout store under test.
 */
public final class TestImages {
  /** The annotation that names a tag in a layout's index.json (image-spec image-layout.md). */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private TestImages() {}

  /** A piece of content with its media type. */
  public record Blob(MediaType mediaType, Bytes content) {
    /** Checks the components. */
    public Blob {
      requireNonNull(mediaType, "mediaType");
      requireNonNull(content, "content");
    }

    /** {@return the SHA-256 digest of the content} */
    public Digest digest() {
      return Digest.of(content);
    }

    /** {@return the content's size in bytes} */
    public long size() {
      return content.size();
    }

    /** {@return the descriptor: media type, digest, size} */
    public Descriptor descriptor() {
      return Descriptor.of(mediaType, digest(), size());
    }
  }

  /** A manifest plus every blob (and child manifest) it needs, in the order to write them. */
  public interface Artifact {
    /** {@return the top-level manifest (an image manifest or an index)} */
    Blob manifest();

    /** {@return every other blob the manifest needs, children before parents} */
    List<Blob> blobs();

    /** {@return the digest of {@link #manifest()}} */
    default Digest digest() {
      return manifest().digest();
    }
  }

  /**
   * A single-platform image.
   *
   * @param platform the platform its config declares
   * @param layer the uncompressed tar layer
   * @param config the OCI image config
   * @param manifest the OCI image manifest
   */
  public record Image(Platform platform, Blob layer, Blob config, Blob manifest)
      implements Artifact {
    @Override
    public List<Blob> blobs() {
      return List.of(layer, config);
    }
  }

  /**
   * An OCI image index over several images.
   *
   * @param index the OCI image index
   * @param images the images it lists, in order
   */
  public record Index(Blob index, List<Image> images) implements Artifact {
    /** Copies the list. */
    public Index {
      images = List.copyOf(images);
    }

    @Override
    public Blob manifest() {
      return index;
    }

    @Override
    public List<Blob> blobs() {
      List<Blob> all = new ArrayList<>();
      for (Image image : images) {
        all.addAll(image.blobs());
        all.add(image.manifest());
      }
      return List.copyOf(all);
    }
  }

  /** {@return a linux/amd64 image whose content names {@code variant}} */
  public static Image image(String variant) {
    return image(variant, Platform.of("linux", "amd64"));
  }

  /** {@return an image for {@code platform} whose content names {@code variant}} */
  public static Image image(String variant, Platform platform) {
    requireNonNull(variant, "variant");
    requireNonNull(platform, "platform");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("hello.txt", utf8("hello from the custody test image " + variant + "\n"));
    files.put("etc/platform", utf8(platform + "\n"));
    Blob layer = new Blob(MediaType.OCI_LAYER, Bytes.of(Tar.of(files)));

    String config =
        "{\"architecture\":" + quote(platform.architecture())
            + (platform.variant().isEmpty() ? "" : ",\"variant\":" + quote(platform.variant()))
            + ",\"os\":" + quote(platform.os())
            + ",\"config\":{\"Cmd\":[\"/bin/cat\",\"/hello.txt\"],"
            + "\"Labels\":{\"dev.custody.test.variant\":" + quote(variant) + "}}"
            + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + quote(layer.digest().toString())
            + "]}}";
    Blob configBlob = new Blob(MediaType.OCI_CONFIG, Bytes.utf8(config));

    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":" + quote(MediaType.OCI_MANIFEST.value())
            + ",\"config\":" + descriptorJson(configBlob.descriptor(), Map.of())
            + ",\"layers\":[" + descriptorJson(layer.descriptor(), Map.of()) + "]}";
    return new Image(platform, layer, configBlob, new Blob(MediaType.OCI_MANIFEST, Bytes.utf8(manifest)));
  }

  /** {@return an index of a linux/amd64 and a linux/arm64 (v8) image, content naming {@code variant}} */
  public static Index index(String variant) {
    return index(variant, List.of(Platform.of("linux", "amd64"), Platform.parse("linux/arm64/v8")));
  }

  /** {@return an index over one image per platform, content naming {@code variant}} */
  public static Index index(String variant, List<Platform> platforms) {
    List<Image> images = new ArrayList<>();
    StringBuilder entries = new StringBuilder();
    for (Platform platform : platforms) {
      Image image = image(variant, platform);
      images.add(image);
      if (entries.length() > 0) {
        entries.append(',');
      }
      String descriptor = descriptorJson(image.manifest().descriptor(), Map.of());
      // splice the platform object into the descriptor (before the closing brace)
      entries
          .append(descriptor, 0, descriptor.length() - 1)
          .append(",\"platform\":")
          .append(platformJson(platform))
          .append('}');
    }
    String index =
        "{\"schemaVersion\":2,\"mediaType\":" + quote(MediaType.OCI_INDEX.value())
            + ",\"manifests\":[" + entries + "]}";
    return new Index(new Blob(MediaType.OCI_INDEX, Bytes.utf8(index)), images);
  }

  /** Writes one artifact under one tag. @see #writeLayout(Path, Map) */
  public static Path writeLayout(Path dir, String tag, Artifact artifact) {
    return writeLayout(dir, Map.of(tag, artifact));
  }

  /**
   * Writes an OCI image layout at {@code dir} (created if missing) holding each artifact under its
   * tag. An existing {@code index.json} is replaced, so write all tags of a layout in one call.
   *
   * @param dir the layout directory
   * @param byTag the artifacts, by tag; written in the map's iteration order
   * @return {@code dir}
   */
  public static Path writeLayout(Path dir, Map<String, ? extends Artifact> byTag) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      StringBuilder manifests = new StringBuilder();
      for (Map.Entry<String, ? extends Artifact> e : byTag.entrySet()) {
        Artifact artifact = e.getValue();
        for (Blob blob : artifact.blobs()) {
          writeBlob(blobs, blob);
        }
        writeBlob(blobs, artifact.manifest());
        if (manifests.length() > 0) {
          manifests.append(',');
        }
        manifests.append(descriptorJson(artifact.manifest().descriptor(), Map.of(REF_NAME, e.getKey())));
      }
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      Files.writeString(
          dir.resolve("index.json"),
          "{\"schemaVersion\":2,\"mediaType\":" + quote(MediaType.OCI_INDEX.value())
              + ",\"manifests\":[" + manifests + "]}");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("write test layout " + dir, e);
    }
  }

  /** {@return the OCI layout reference {@code oci:DIR:TAG} that skopeo and Custody accept} */
  public static String layoutReference(Path dir, String tag) {
    return "oci:" + dir + ":" + tag;
  }

  private static void writeBlob(Path blobs, Blob blob) throws IOException {
    Path file = blobs.resolve(blob.digest().hex());
    if (!Files.exists(file)) {
      Files.write(file, blob.content().toByteArray());
    }
  }

  private static String descriptorJson(Descriptor d, Map<String, String> annotations) {
    StringBuilder json =
        new StringBuilder("{\"mediaType\":")
            .append(quote(d.mediaType().value()))
            .append(",\"digest\":")
            .append(quote(d.digest().toString()))
            .append(",\"size\":")
            .append(d.size());
    if (!annotations.isEmpty()) {
      json.append(",\"annotations\":{");
      boolean first = true;
      for (Map.Entry<String, String> a : annotations.entrySet()) {
        json.append(first ? "" : ",").append(quote(a.getKey())).append(':').append(quote(a.getValue()));
        first = false;
      }
      json.append('}');
    }
    return json.append('}').toString();
  }

  private static String platformJson(Platform p) {
    return "{\"architecture\":" + quote(p.architecture()) + ",\"os\":" + quote(p.os())
        + (p.variant().isEmpty() ? "" : ",\"variant\":" + quote(p.variant())) + "}";
  }

  /** A JSON string literal; escapes what RFC 8259 section 7 requires. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
