package dev.custody.bench;

import dev.custody.Bytes;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a small, real OCI image (one 64 KiB layer, a config, a manifest) into an OCI image layout
 * for the benchmarks and for {@code benchmarks/run.sh} (its {@code main}).
 */
public final class BenchImages {
  /** The tag the image is stored under. */
  public static final String TAG = "v1";

  private BenchImages() {}

  /**
   * Creates (or adds to) the layout at {@code dir} and stores the image under {@link #TAG}.
   *
   * @param dir the layout directory
   * @param seed varies the layer content, so different seeds give different digests
   * @return the manifest's descriptor
   * @throws StoreException if the layout cannot be written
   */
  public static Descriptor writeLayout(Path dir, long seed) throws StoreException {
    byte[] layer = new byte[64 * 1024];
    new Random(seed).nextBytes(layer);
    try (LayoutStore store = LayoutStore.open(dir, true)) {
      Descriptor layerDescriptor = store.putBlob(MediaType.OCI_LAYER, Bytes.of(layer));
      String config =
          "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
              + layerDescriptor.digest()
              + "\"]}}";
      Descriptor configDescriptor =
          store.putBlob(MediaType.OCI_CONFIG, Bytes.of(config.getBytes(StandardCharsets.UTF_8)));
      ImageManifest manifest =
          ManifestCodec.writeImageManifest(configDescriptor, List.of(layerDescriptor));
      return store.putManifest(manifest, TAG);
    }
  }

  /**
   * Writes the benchmark image into the layout directory {@code args[0]} and prints its digest.
   *
   * @param args the layout directory
   * @throws Exception if writing fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BenchImages LAYOUT_DIR");
      System.exit(2);
    }
    System.out.println(writeLayout(Path.of(args[0]), 1).digest());
  }
}
