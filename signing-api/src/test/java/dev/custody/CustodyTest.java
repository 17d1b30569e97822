package dev.custody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Custody}: explicit configuration wins, resolution opens and closes one store. */
class CustodyTest {
  private static final Descriptor RESOLVED = Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{}"));

  /** Records what the entry point asks of its store; everything else is unsupported. */
  static final class RecordingStore implements ArtifactStore {
    final List<String> calls = new ArrayList<>();
    IOException failOnClose;

    @Override
    public String location() {
      return "recording";
    }

    @Override
    public Descriptor resolve(String tagOrDigest) {
      calls.add("resolve " + tagOrDigest);
      return RESOLVED;
    }

    @Override
    public void close() throws IOException {
      calls.add("close");
      if (failOnClose != null) {
        throw failOnClose;
      }
    }

    @Override
    public Manifest manifest(Digest digest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor putManifest(Manifest manifest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor putManifest(Manifest manifest, String tag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasBlob(Digest digest) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void readBlob(Descriptor descriptor, OutputStream out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Bytes readBlob(Descriptor descriptor, int maxBytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putBlob(Descriptor descriptor, InputStream content) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> tags() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Descriptor> referrers(Digest subject) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deleteManifest(Digest digest) {
      throw new UnsupportedOperationException();
    }
  }

  /** Records the references and options it is asked to open. */
  static final class RecordingProvider implements CustodyProvider {
    final List<String> opened = new ArrayList<>();
    final List<StoreOptions> options = new ArrayList<>();
    final RecordingStore store = new RecordingStore();

    @Override
    public ArtifactStore open(ImageReference reference, StoreOptions storeOptions) {
      opened.add(reference.toString());
      options.add(storeOptions);
      return store;
    }
  }

  @Test
  void build_withoutProviderOnTheClassPath_failsNamingSigningCore() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Custody.builder().build());
    assertEquals(
        "no Custody implementation found: add dev.custody:signing-core to the runtime classpath", e.getMessage());
  }

  @Test
  void open_usesTheGivenProviderAndOptions() throws CustodyException {
    RecordingProvider provider = new RecordingProvider();
    StoreOptions options = StoreOptions.defaults().withCreateLayouts();
    Custody custody = Custody.builder().provider(provider).storeOptions(options).build();
    ArtifactStore store = custody.open(ImageReference.parse("oci:layout:v1"));
    assertSame(provider.store, store);
    assertEquals(List.of("oci:layout:v1"), provider.opened);
    assertSame(options, provider.options.get(0));
  }

  @Test
  void open_withoutStoreOptions_usesTheDefaults() throws CustodyException {
    RecordingProvider provider = new RecordingProvider();
    Custody.builder().provider(provider).build().open(ImageReference.parse("ubuntu"));
    assertSame(StoreOptions.defaults(), provider.options.get(0));
  }

  @Test
  void resolve_resolvesTheDigestBeforeTheTagAndClosesTheStore() throws CustodyException {
    RecordingProvider provider = new RecordingProvider();
    Custody custody = Custody.builder().provider(provider).build();
    Digest digest = RESOLVED.digest();
    assertEquals(RESOLVED, custody.resolve(ImageReference.parse("ghcr.io/acme/app:v1@" + digest)));
    assertEquals(RESOLVED, custody.resolve(ImageReference.parse("ghcr.io/acme/app:v1")));
    assertEquals(List.of("resolve " + digest, "close", "resolve v1", "close"), provider.store.calls);
  }

  @Test
  void resolve_whenCloseFails_throwsStoreExceptionNamingTheRepository() {
    RecordingProvider provider = new RecordingProvider();
    provider.store.failOnClose = new IOException("disk gone");
    Custody custody = Custody.builder().provider(provider).build();
    StoreException e =
        assertThrows(StoreException.class, () -> custody.resolve(ImageReference.parse("oci:layout:v1")));
    assertEquals(CustodyException.Reason.IO, e.reason());
    assertEquals("close store oci:layout", e.getMessage());
    assertSame(provider.store.failOnClose, e.getCause());
  }

  @Test
  void builderAndOpen_nulls_throwNpeNamingTheParameter() {
    assertEquals("value", assertThrows(NullPointerException.class, () -> Custody.builder().provider(null)).getMessage());
    assertEquals("value", assertThrows(NullPointerException.class, () -> Custody.builder().storeOptions(null)).getMessage());
    Custody custody = Custody.builder().provider(new RecordingProvider()).build();
    assertEquals("reference", assertThrows(NullPointerException.class, () -> custody.open(null)).getMessage());
  }
}
