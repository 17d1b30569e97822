package dev.custody.core.internal.oci;

import dev.custody.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Byte-exact golden files under {@code src/test/resources/golden/} (FORMATS.md vectors). */
public final class Golden {
  /** M1 (FORMATS.md §1.4), 395 bytes. */
  public static final String M1_DIGEST =
      "sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec";
  /** M1 pretty-printed with 2-space indentation, 470 bytes: a different manifest. */
  public static final String M1_PRETTY_DIGEST =
      "sha256:b0aa49b1be27feb14cabace95509e8e38276ad68eaa3dadb2249d4d164a51f08";
  /** M1's config blob, 151 bytes. */
  public static final String CONFIG_DIGEST =
      "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322";
  /** M1's layer {@code hello, custody\n}, 15 bytes. */
  public static final String LAYER_DIGEST =
      "sha256:c8d8123a262bd94feca2723fe165758f7532781ee36b238d0d8b8d6dfc2cbeaa";
  /** The cosign v3 bundle referrer of M1 (FORMATS.md §3.10), 885 bytes. */
  public static final String BUNDLE_REFERRER_DIGEST =
      "sha256:afb8c4e23af3e54536aaedd4aa3ba142a8a691f99cb67dd877ecfcb5cd247f8b";
  /** The referrers index of M1 (FORMATS.md §2.7), 505 bytes. */
  public static final String REFERRERS_INDEX_DIGEST =
      "sha256:fc4749a41a26a01d18ec1c2139a57b480328db740d1940103758a8da58226d49";
  /** M1's content with tabs, CRLF, reversed keys, escapes and non-ASCII; computed by sha256sum and skopeo. */
  public static final String M1_UNUSUAL_DIGEST =
      "sha256:622586862370d5ffc37dc133d1e03fdc7edf1d97243422d77f03b9d3d29a388e";

  private Golden() {}

  /** {@return the exact bytes of {@code golden/<name>}} */
  public static Bytes read(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return Bytes.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
