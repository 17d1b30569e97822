package dev.custody.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.registry.RegistryStore;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.oci.Digest;
import dev.custody.registry.RegistryOptions;
import dev.custody.oci.ImageReference;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CoreProviderTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

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
  void registryReference_loopback_opensRegistryStoreOverPlainHttp() throws Exception {
    String repository = REGISTRY.uniqueRepository("provider");
    try (ArtifactStore store =
        new CoreProvider().open(ImageReference.parse(REGISTRY.reference(repository, "v1")), StoreOptions.defaults())) {
      assertInstanceOf(RegistryStore.class, store);
      assertEquals(REGISTRY.hostPort() + "/" + repository, store.location());
      assertEquals(List.of(), store.referrers(Digest.of(Bytes.utf8("nothing refers to this"))));
    }
  }

  @Test
  void registryReference_remoteHost_https() throws Exception {
    try (ArtifactStore store =
        new CoreProvider().open(ImageReference.parse("registry.example.com:8443/team/app:v1"), StoreOptions.defaults())) {
      assertEquals("https://registry.example.com:8443/", ((RegistryStore) store).baseUrl().toString());
    }
    StoreOptions allowHttp =
        StoreOptions.defaults()
            .withRegistry(RegistryOptions.builder().allowHttpRegistry("registry.example.com:5000").build());
    try (ArtifactStore store =
        new CoreProvider().open(ImageReference.parse("registry.example.com:5000/team/app"), allowHttp)) {
      assertEquals("http://registry.example.com:5000/", ((RegistryStore) store).baseUrl().toString());
    }
    try (ArtifactStore store = new CoreProvider().open(ImageReference.parse("ubuntu"), StoreOptions.defaults())) {
      assertEquals("https://registry-1.docker.io/", ((RegistryStore) store).baseUrl().toString());
      assertEquals("library/ubuntu", ((RegistryStore) store).repository());
    }
  }
}
