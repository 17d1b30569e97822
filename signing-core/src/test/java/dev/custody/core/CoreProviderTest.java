package dev.custody.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.oci.ImageReference;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreProviderTest {
  @TempDir Path tmp;

  @Test
  void serviceLoader_findsCoreProvider() {
    CustodyProvider provider = ServiceLoader.load(CustodyProvider.class).findFirst().orElseThrow();
    assertInstanceOf(CoreProvider.class, provider);
  }

  @Test
  void layoutReference_withCreate_opensNewLayoutStore() throws Exception {
    Path dir = tmp.resolve("out");
    Custody custody = Custody.builder().storeOptions(StoreOptions.defaults().withCreateLayouts()).build();
    try (ArtifactStore store = custody.open(ImageReference.parse("oci:" + dir + ":v1"))) {
      assertInstanceOf(LayoutStore.class, store);
      assertTrue(Files.exists(dir.resolve("oci-layout")));
    }
  }

  @Test
  void layoutReference_missingWithoutCreate_notFound() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> new CoreProvider().open(ImageReference.parse("oci:" + tmp.resolve("none")), StoreOptions.defaults()));
    assertEquals(Reason.NOT_FOUND, e.reason());
  }

  @Test
  void registryReference_notAvailableYet() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> new CoreProvider().open(ImageReference.parse("registry.example.com/team/app:v1"), StoreOptions.defaults()));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().startsWith("open registry.example.com/team/app: the registry client is not available yet"), e.getMessage());
  }
}
