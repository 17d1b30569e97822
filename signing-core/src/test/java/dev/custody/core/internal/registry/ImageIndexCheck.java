package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import java.util.List;

final class ImageIndexCheck {
  private ImageIndexCheck() {}

  static void assertListed(byte[] raw, List<Descriptor> expected) {
    ImageIndex index = (ImageIndex) RegistryTestImages.parse(Bytes.of(raw));
    assertEquals(expected, index.manifests());
  }
}
