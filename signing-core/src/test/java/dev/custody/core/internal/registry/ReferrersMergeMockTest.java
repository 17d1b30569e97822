package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.internal.registry.endpoint.ReferrersList;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry with the referrers API whose referrers tag schema index lists other (or the same)
 * referrers: both listings are merged (FORMATS.md §2.7–§2.8). The real test registry has no API, so
 * this mix can only be replayed.
 */
class ReferrersMergeMockTest {
  private static final MediaType SIG = MediaType.of("application/vnd.example.sig");
  private static final MediaType SBOM = MediaType.of("application/vnd.example.sbom");

  private MockWebServer server;
  private RegistryStore store;
  private final Digest subject = Digest.of(Bytes.utf8("subject"));

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
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

  private String tagPath(Digest d) {
    return "/v2/team/app/manifests/" + ReferrersTagIndex.tagFor(d);
  }

  @Test
  void referrers_apiAndTagListDifferentEntries_bothListedApiFirst() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SBOM);
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(indexResponse(List.of(b)));

    assertEquals(List.of(a, b), store.referrers(subject));

    assertTrue(server.takeRequest().getPath().startsWith("/v2/team/app/referrers/"));
    RecordedRequest tag = server.takeRequest();
    assertEquals("GET", tag.getMethod());
    assertEquals(tagPath(subject), tag.getPath());
    assertEquals(MediaType.OCI_INDEX.value(), tag.getHeader("Accept"));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void referrers_sameDigestInBoth_listedOnceAsTheApiGaveIt() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SIG);
    // cosign writes tag indexes without annotations (FORMATS.md §2.8): same digest, other fields.
    Descriptor bareA = Descriptor.builder(a.mediaType(), a.digest(), a.size()).build();
    server.enqueue(indexResponse(List.of(a, b)));
    server.enqueue(indexResponse(List.of(b, bareA)));

    List<Descriptor> found = store.referrers(subject);

    assertEquals(List.of(a, b), found);
    assertEquals("a", found.get(0).annotations().get("name"));
  }

  @Test
  void referrers_apiPresentNoTag_apiEntriesOnly() throws Exception {
    Descriptor a = referrer("a", SIG);
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}"));

    assertEquals(List.of(a), store.referrers(subject));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void referrers_apiPresentTagHoldsImageManifest_ignoredNotAnError() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor config = Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
            .setBody(
                new Buffer()
                    .write(RegistryTestImages.manifest(config, List.of()).raw().toByteArray())));

    assertEquals(List.of(a), store.referrers(subject));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void referrers_apiPresentTagHoldsGarbage_ignoredNotAnError() throws Exception {
    Descriptor a = referrer("a", SIG);
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(
        new MockResponse().setHeader("Content-Type", MediaType.OCI_INDEX.value()).setBody("{x"));

    assertEquals(List.of(a), store.referrers(subject));
  }

  @Test
  void referrers_filteredByRegistry_tagEntriesFilteredHere() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SBOM);
    Descriptor c = referrer("c", SIG);
    server.enqueue(indexResponse(List.of(a)).setHeader("OCI-Filters-Applied", "artifactType"));
    server.enqueue(indexResponse(List.of(b, c)));

    assertEquals(List.of(a, c), store.referrers(subject, SIG));
    assertTrue(server.takeRequest().getPath().contains("artifactType="));
    assertEquals(tagPath(subject), server.takeRequest().getPath());
  }

  @Test
  void referrers_supportRemembered_tagStillReadEveryListing() throws Exception {
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SBOM);
    for (int i = 0; i < 2; i++) {
      server.enqueue(indexResponse(List.of(a)));
      server.enqueue(indexResponse(List.of(b)));
    }

    assertEquals(List.of(a, b), store.referrers(subject));
    assertEquals(List.of(a, b), store.referrers(subject));
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void referrers_sha512SpecTagMissing_legacyTagRead() throws Exception {
    Digest long512 = Digest.of(DigestAlgorithm.SHA512, Bytes.utf8("subject"));
    Descriptor a = referrer("a", SIG);
    Descriptor b = referrer("b", SIG);
    server.enqueue(indexResponse(List.of(a)));
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(indexResponse(List.of(b)));

    assertEquals(List.of(a, b), store.referrers(long512));

    server.takeRequest();
    assertEquals(tagPath(long512), server.takeRequest().getPath());
    assertEquals("/v2/team/app/manifests/" + long512.toTagForm(), server.takeRequest().getPath());
  }

  @Test
  void referrers_mergedListingOverBound_limitExceeded() {
    int half = ReferrersList.MAX_REFERRERS / 2 + 1;
    server.enqueue(indexResponse(many("api", half)));
    server.enqueue(indexResponse(many("tag", half)));

    StoreException e = assertThrows(StoreException.class, () -> store.referrers(subject));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage().contains("more than " + ReferrersList.MAX_REFERRERS + " referrers"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("list referrers of "), e.getMessage());
  }

  @Test
  void referrers_overlapKeepsMergedListingAtBound_listed() throws Exception {
    int half = ReferrersList.MAX_REFERRERS / 2;
    List<Descriptor> api = many("x", half + 1);
    List<Descriptor> tag = many("x", 2 * half).subList(1, 2 * half); // overlaps api in half entries
    server.enqueue(indexResponse(api));
    server.enqueue(indexResponse(tag));

    List<Descriptor> found = store.referrers(subject);

    assertEquals(ReferrersList.MAX_REFERRERS, found.size());
    assertEquals(api, found.subList(0, half + 1));
  }

  private static List<Descriptor> many(String prefix, int n) {
    List<Descriptor> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          Descriptor.builder(MediaType.OCI_MANIFEST, Digest.of(Bytes.utf8(prefix + i)), 100)
              .artifactType(SIG)
              .build());
    }
    return out;
  }
}
