package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The referrers API as a registry that implements it answers (the real test registry does not), and
 * the fallback index update under interference no real registry produces on demand.
 */
class ReferrersMockTest {
  private static final MediaType SIG = MediaType.of("application/vnd.example.sig");
  private static final MediaType SBOM = MediaType.of("application/vnd.example.sbom");

  private MockWebServer server;
  private RegistryStore store;
  private final Digest subject = Digest.of(Bytes.utf8("subject"));

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    store =
        new RegistryStore(new OkHttpClient(), "http://127.0.0.1:" + server.getPort(), "team/app");
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static Descriptor referrer(String name, MediaType type) {
    return Descriptor.builder(MediaType.OCI_MANIFEST, Digest.of(Bytes.utf8(name)), 100)
        .artifactType(type)
        .annotation("name", name)
        .build();
  }

  private static MockResponse indexResponse(List<Descriptor> manifests) {
    return new MockResponse()
        .setHeader("Content-Type", MediaType.OCI_INDEX.value())
        .setBody(new Buffer().write(ManifestCodec.writeIndex(manifests).raw().toByteArray()));
  }

  @Test
  void referrers_apiPaginated_allPagesFilteredClientSide() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SBOM);
    Descriptor c = referrer("c", SIG);
    server.enqueue(
        indexResponse(List.of(a, b))
            .setHeader(
                "Link",
                "</v2/team/app/referrers/" + subject + "?artifactType=x&page=2>; rel=\"next\""));
    server.enqueue(indexResponse(List.of(c)));
    server.enqueue(new MockResponse().setResponseCode(404)); // no tag schema index

    List<Descriptor> found = store.referrers(subject, SIG);

    assertEquals(List.of(a, c), found);
    RecordedRequest first = server.takeRequest();
    assertEquals(
        "/v2/team/app/referrers/" + subject + "?artifactType=application%2Fvnd.example.sig",
        first.getPath());
    assertEquals(MediaType.OCI_INDEX.value(), first.getHeader("Accept"));
    assertTrue(server.takeRequest().getPath().endsWith("&page=2"));
    assertEquals("/v2/team/app/manifests/" + subject.toTagForm(), server.takeRequest().getPath());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void referrers_filterAppliedByRegistry_trusted() throws Exception {
    Descriptor a = referrer("a", SIG);
    server.enqueue(indexResponse(List.of(a)).setHeader("OCI-Filters-Applied", "artifactType"));
    server.enqueue(new MockResponse().setResponseCode(404)); // no tag schema index

    assertEquals(List.of(a), store.referrers(subject, SIG));
  }

  @Test
  void referrers_apiAbsent_fallsBackToTagOnceAndRemembers() throws Exception {
    Descriptor a = referrer("a", SIG);
    server.enqueue(new MockResponse().setResponseCode(404).setBody("404 page not found"));
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(indexResponse(List.of(a)));

    assertEquals(List.of(a), store.referrers(subject));
    assertEquals(List.of(a), store.referrers(subject));

    assertTrue(server.takeRequest().getPath().startsWith("/v2/team/app/referrers/"));
    assertEquals("/v2/team/app/manifests/" + subject.toTagForm(), server.takeRequest().getPath());
    assertEquals("/v2/team/app/manifests/" + subject.toTagForm(), server.takeRequest().getPath());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void referrers_apiSaysNameUnknown_emptyAndSupportNotCached() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(404)
              .setBody("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no repo\"}]}"));
    }

    assertEquals(List.of(), store.referrers(subject));
    assertEquals(List.of(), store.referrers(subject));

    assertTrue(server.takeRequest().getPath().contains("/referrers/"));
    assertTrue(server.takeRequest().getPath().contains("/referrers/"));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void referrers_apiAnswersNonIndex_treatedAsAbsent() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html/>"));
    server.enqueue(new MockResponse().setResponseCode(404));

    assertEquals(List.of(), store.referrers(subject));
    assertEquals(2, server.getRequestCount());
  }

  private ImageManifest referrerManifest() {
    Descriptor config = Descriptor.ofContent(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    return RegistryTestImages.manifest(
        config,
        List.of(),
        Optional.of(Descriptor.of(MediaType.OCI_MANIFEST, subject, 10)),
        Optional.of(SIG),
        Map.of("k", "v"));
  }

  @Test
  void putManifest_registryAnswersOciSubject_noFallbackIndex() throws Exception {
    server.enqueue(
        new MockResponse().setResponseCode(201).setHeader("OCI-Subject", subject.toString()));

    store.putManifest(referrerManifest());

    assertEquals(1, server.getRequestCount());
  }

  @Test
  void putManifest_noOciSubject_indexWrittenWithIfMatchAndConfirmed() throws Exception {
    ImageManifest m = referrerManifest();
    Descriptor other = referrer("other", SBOM);
    server.enqueue(new MockResponse().setResponseCode(201)); // the referrer itself
    server.enqueue(indexResponse(List.of(other)).setHeader("ETag", "\"e1\""));
    server.enqueue(new MockResponse().setResponseCode(201)); // index PUT
    server.enqueue(indexResponse(List.of(other, m.descriptor()))); // confirming read

    Descriptor d = store.putManifest(m);

    assertEquals(m.descriptor(), d);
    assertEquals(Optional.of(SIG), d.artifactType());
    server.takeRequest();
    server.takeRequest();
    RecordedRequest put = server.takeRequest();
    assertEquals("PUT", put.getMethod());
    assertEquals("/v2/team/app/manifests/" + subject.toTagForm(), put.getPath());
    assertEquals("\"e1\"", put.getHeader("If-Match"));
    assertEquals(MediaType.OCI_INDEX.value(), put.getHeader("Content-Type"));
    ImageIndexCheck.assertListed(put.getBody().readByteArray(), List.of(other, m.descriptor()));
    assertEquals("GET", server.takeRequest().getMethod());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void putManifest_concurrentWriterOverwrites_rewrittenWithBothEntries() throws Exception {
    ImageManifest m = referrerManifest();
    Descriptor other = referrer("other", SBOM);
    server.enqueue(new MockResponse().setResponseCode(201)); // the referrer
    server.enqueue(new MockResponse().setResponseCode(404)); // no index yet
    server.enqueue(new MockResponse().setResponseCode(201)); // our PUT [m]
    server.enqueue(indexResponse(List.of(other))); // re-read: someone replaced it
    server.enqueue(new MockResponse().setResponseCode(201)); // our PUT [other, m]
    server.enqueue(indexResponse(List.of(other, m.descriptor()))); // confirmed

    store.putManifest(m);

    assertEquals(6, server.getRequestCount());
    server.takeRequest();
    server.takeRequest();
    ImageIndexCheck.assertListed(
        server.takeRequest().getBody().readByteArray(), List.of(m.descriptor()));
    server.takeRequest();
    ImageIndexCheck.assertListed(
        server.takeRequest().getBody().readByteArray(), List.of(other, m.descriptor()));
  }

  @Test
  void putManifest_conditionalPutFails412_reReadAndRetried() throws Exception {
    ImageManifest m = referrerManifest();
    Descriptor other = referrer("other", SBOM);
    server.enqueue(new MockResponse().setResponseCode(201));
    server.enqueue(indexResponse(List.of()).setHeader("ETag", "\"old\""));
    server.enqueue(new MockResponse().setResponseCode(412));
    server.enqueue(indexResponse(List.of(other)).setHeader("ETag", "\"new\""));
    server.enqueue(new MockResponse().setResponseCode(201));
    server.enqueue(indexResponse(List.of(other, m.descriptor())));

    store.putManifest(m);

    assertEquals(6, server.getRequestCount());
    for (int i = 0; i < 4; i++) {
      server.takeRequest();
    }
    RecordedRequest retry = server.takeRequest();
    assertEquals("\"new\"", retry.getHeader("If-Match"));
  }

  @Test
  void putManifest_tagHoldsSomethingElse_refusesToOverwrite() {
    server.enqueue(new MockResponse().setResponseCode(201));
    Descriptor config = Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
            .setBody(
                new Buffer()
                    .write(RegistryTestImages.manifest(config, List.of()).raw().toByteArray())));

    StoreException e =
        assertThrows(StoreException.class, () -> store.putManifest(referrerManifest()));

    assertEquals(Reason.PROTOCOL, e.reason());
    assertTrue(e.getMessage().contains("not an OCI image index, refusing"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void tagFor_sha512_truncatedToSpecForm() {
    Digest d = Digest.of(dev.custody.oci.DigestAlgorithm.SHA512, Bytes.utf8("x"));
    assertEquals("sha512-" + d.hex().substring(0, 64), ReferrersTagIndex.tagFor(d));
    assertEquals(Optional.of("sha512-" + d.hex()), ReferrersTagIndex.legacyTagFor(d));
    assertEquals(Optional.empty(), ReferrersTagIndex.legacyTagFor(subject));
  }
}
