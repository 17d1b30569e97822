package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalInt;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry faults a real registry cannot be made to produce: truncated and corrupted bodies, lying
 * headers, oversized manifests, endless pagination and error bodies.
 */
class RegistryStoreFaultsTest {
  private static final String REPO = "team/app";

  private MockWebServer server;
  private RegistryStore store;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    store = new RegistryStore(new OkHttpClient(), baseUrl(), REPO);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private static ImageManifest sample() {
    Descriptor config = Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
    return RegistryTestImages.manifest(config, List.of());
  }

  private static MockResponse manifestResponse(Bytes raw) {
    return new MockResponse()
        .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
        .setBody(new Buffer().write(raw.toByteArray()));
  }

  private static MockResponse digestInvalid() {
    return new MockResponse()
        .setResponseCode(400)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"}]}");
  }

  @Test
  void putManifest_registryRaceDigestInvalidOnce_retriedAndStored() throws Exception {
    ImageManifest m = sample();
    server.enqueue(digestInvalid());
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", m.digest().toString()));

    Descriptor stored = store.putManifest(m);

    assertEquals(m.digest(), stored.digest());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void putManifest_digestInvalidEveryTime_givesUpAfterBoundedAttempts() {
    ImageManifest m = sample();
    for (int i = 0; i < RegistryStore.MAX_DIGEST_INVALID_ATTEMPTS + 2; i++) {
      server.enqueue(digestInvalid());
    }

    StoreException e = assertThrows(StoreException.class, () -> store.putManifest(m));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertEquals("DIGEST_INVALID", e.errorCode());
    assertEquals(RegistryStore.MAX_DIGEST_INVALID_ATTEMPTS, server.getRequestCount());
  }

  @Test
  void manifest_wrongDockerContentDigest_digestMismatchNamingBoth() {
    ImageManifest m = sample();
    Digest other = Digest.of(Bytes.utf8("other"));
    server.enqueue(manifestResponse(m.raw()).setHeader("Docker-Content-Digest", other.toString()));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(m.digest()));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("expected " + other), e.getMessage());
    assertTrue(e.getMessage().contains("got " + m.digest()), e.getMessage());
    assertTrue(
        e.getMessage().contains("127.0.0.1:" + server.getPort() + "/team/app@"), e.getMessage());
  }

  @Test
  void manifest_bytesNotMatchingRequestedDigest_digestMismatch() {
    ImageManifest m = sample();
    Digest requested = Digest.of(Bytes.utf8("what we asked for"));
    server.enqueue(manifestResponse(m.raw()));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(requested));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(
        e.getMessage().contains("expected " + requested + ", got " + m.digest()), e.getMessage());
  }

  @Test
  void manifest_contentLengthAboveFourMiB_refusedBeforeReading() {
    ImageManifest m = sample();
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
            .setBody(new Buffer().write(new byte[ArtifactStore.MAX_MANIFEST_BYTES + 1])));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(m.digest()));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage().contains("got " + (ArtifactStore.MAX_MANIFEST_BYTES + 1) + ")"),
        e.getMessage());
  }

  @Test
  void manifest_chunkedBodyAboveFourMiB_cutOffAtLimit() {
    ImageManifest m = sample();
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
            .setChunkedBody(
                new Buffer().write(new byte[ArtifactStore.MAX_MANIFEST_BYTES + 10]), 64 * 1024));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(m.digest()));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage().contains("got more than " + ArtifactStore.MAX_MANIFEST_BYTES + ")"),
        e.getMessage());
  }

  @Test
  void blob_bodyEndsEarlyWithoutLength_sizeMismatchAtEnd() throws Exception {
    Bytes content = Bytes.utf8("0123456789");
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    // A close-delimited body (no Content-Length) that stops after five bytes.
    server.enqueue(
        new MockResponse()
            .setBody("01234")
            .removeHeader("Content-Length")
            .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

    StoreException e =
        assertThrows(StoreException.class, () -> store.readBlob(d, new ByteArrayOutputStream()));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(
        e.getMessage()
            .contains("is truncated (expected digest " + d.digest() + " and 10 bytes, got digest "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(" and 5 bytes)"), e.getMessage());
  }

  @Test
  void blob_connectionDropsMidBody_ioErrorFromStream() throws Exception {
    Bytes content = Bytes.of(new byte[64 * 1024]);
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(content.toByteArray()))
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    StoreException e =
        assertThrows(StoreException.class, () -> store.readBlob(d, new ByteArrayOutputStream()));

    assertEquals(Reason.IO, e.reason());
    assertTrue(e.getMessage().startsWith("pull blob 127.0.0.1:"), e.getMessage());
  }

  @Test
  void blob_corruptedContent_openBlobThrowsAtEndOfStream() throws Exception {
    Bytes content = Bytes.utf8("the real content");
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    server.enqueue(new MockResponse().setBody("the fake content"));

    try (InputStream in = store.openBlob(d)) {
      IOException e = assertThrows(IOException.class, in::readAllBytes);
      assertTrue(
          e.getMessage().contains("does not match its digest (expected digest " + d.digest()),
          e.getMessage());
    }
  }

  @Test
  void blob_contentLengthDisagreesWithDescriptor_refusedBeforeReading() {
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("abc"));
    server.enqueue(new MockResponse().setBody("abcdef"));

    StoreException e = assertThrows(StoreException.class, () -> store.openBlob(d));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("expected 3 bytes, got Content-Length 6"), e.getMessage());
  }

  @Test
  void tags_endlessPagination_limitExceeded() {
    store = new RegistryStore(new OkHttpClient(), baseUrl(), REPO, 1024, OptionalInt.of(1), 20);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String last = request.getRequestUrl().queryParameter("last");
            int next = last == null ? 1 : Integer.parseInt(last.substring(1)) + 1;
            return new MockResponse()
                .setHeader("Link", "</v2/team/app/tags/list?n=1&last=t" + next + ">; rel=\"next\"")
                .setBody("{\"name\":\"team/app\",\"tags\":[\"t" + next + "\"]}");
          }
        });

    StoreException e = assertThrows(StoreException.class, store::tags);

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("more than 20 pages"), e.getMessage());
    assertEquals(20, server.getRequestCount());
  }

  @Test
  void tags_nextLinkToAnotherHost_refused() {
    server.enqueue(
        new MockResponse()
            .setHeader(
                "Link", "<https://elsewhere.example/v2/team/app/tags/list?last=a>; rel=\"next\"")
            .setBody("{\"name\":\"team/app\",\"tags\":[\"a\"]}"));

    StoreException e = assertThrows(StoreException.class, store::tags);

    assertEquals(Reason.PROTOCOL, e.reason());
    assertTrue(e.getMessage().contains("another origin"), e.getMessage());
  }

  @Test
  void tags_pageSizeAndLinkFollowedVerbatim() throws Exception {
    store = new RegistryStore(new OkHttpClient(), baseUrl(), REPO, 1024, OptionalInt.of(2), 10);
    server.enqueue(
        new MockResponse()
            .setHeader("Link", "</v2/team/app/tags/list?last=b&n=2&orderby=>; rel=\"next\"")
            .setBody("{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}"));
    server.enqueue(new MockResponse().setBody("{\"name\":\"team/app\",\"tags\":[\"c\"]}"));

    assertEquals(List.of("a", "b", "c"), store.tags());
    assertEquals("/v2/team/app/tags/list?n=2", server.takeRequest().getPath());
    assertEquals("/v2/team/app/tags/list?last=b&n=2&orderby=", server.takeRequest().getPath());
  }

  @Test
  void errors_ociErrorBody_mappedToReasonWithStatusAndCode() {
    record Case(int status, String code, Reason reason) {}
    List<Case> cases =
        List.of(
            new Case(401, "UNAUTHORIZED", Reason.UNAUTHORIZED),
            new Case(403, "DENIED", Reason.DENIED),
            new Case(404, "MANIFEST_UNKNOWN", Reason.NOT_FOUND),
            new Case(429, "TOOMANYREQUESTS", Reason.RATE_LIMITED),
            new Case(400, "MANIFEST_INVALID", Reason.PROTOCOL));
    Digest digest = sample().digest();
    for (Case c : cases) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(c.status())
              .setHeader("Content-Type", "application/json")
              .setBody(
                  "{\"errors\":[{\"code\":\""
                      + c.code()
                      + "\",\"message\":\"because "
                      + c.code()
                      + "\",\"detail\":{}}]}"));

      StoreException e = assertThrows(StoreException.class, () -> store.manifest(digest));

      assertEquals(c.reason(), e.reason(), c.toString());
      assertEquals(c.status(), e.httpStatus());
      assertEquals(c.code(), e.errorCode());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "pull manifest 127.0.0.1:" + server.getPort() + "/team/app@" + digest + ": "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "(HTTP "
                      + c.status()
                      + ", registry code "
                      + c.code()
                      + ": because "
                      + c.code()
                      + ")"),
          e.getMessage());
    }
  }

  @Test
  void errors_nonJsonServerError_mappedByStatus() {
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));

    StoreException e = assertThrows(StoreException.class, () -> store.hasBlob(sample().digest()));

    assertEquals(Reason.IO, e.reason());
    assertTrue(e.getMessage().endsWith("registry server error (HTTP 502)"), e.getMessage());
  }

  @Test
  void errors_hugeErrorBody_readOnlyBounded() {
    String huge =
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"" + "x".repeat(1024 * 1024) + "\"}]}";
    server.enqueue(new MockResponse().setResponseCode(403).setBody(huge));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(sample().digest()));

    // The cut body is not valid JSON, so the status decides; the message stays short.
    assertEquals(Reason.DENIED, e.reason());
    assertEquals("", e.errorCode());
    assertTrue(e.getMessage().length() < 400, e.getMessage());
  }

  @Test
  void resolve_headWithoutDigest_fallsBackToGet() throws Exception {
    ImageManifest m = sample();
    server.enqueue(new MockResponse().setHeader("Content-Type", MediaType.OCI_MANIFEST.value()));
    server.enqueue(manifestResponse(m.raw()));

    Descriptor d = store.resolve("v1");

    assertEquals(m.digest(), d.digest());
    assertEquals(m.raw().size(), d.size());
    assertEquals(MediaType.OCI_MANIFEST, d.mediaType());
    assertEquals("HEAD", server.takeRequest().getMethod());
    RecordedRequest get = server.takeRequest();
    assertEquals("GET", get.getMethod());
    assertTrue(get.getHeader("Accept").contains(MediaType.DOCKER_MANIFEST_LIST.value()));
  }

  @Test
  void resolve_headWithDigest_oneRoundTrip() throws Exception {
    ImageManifest m = sample();
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST.value())
            .setHeader("Docker-Content-Digest", m.digest().toString())
            .setHeader("Content-Length", m.raw().size()));

    Descriptor d = store.resolve("v1");

    assertEquals(Descriptor.of(MediaType.OCI_MANIFEST, m.digest(), m.raw().size()), d);
    assertEquals(1, server.getRequestCount());
    String accept = server.takeRequest().getHeader("Accept");
    for (MediaType t :
        List.of(
            MediaType.OCI_MANIFEST,
            MediaType.OCI_INDEX,
            MediaType.DOCKER_MANIFEST,
            MediaType.DOCKER_MANIFEST_LIST)) {
      assertTrue(accept.contains(t.value()), accept);
    }
  }

  @Test
  void putManifest_registryReportsOtherDigest_digestMismatch() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("Docker-Content-Digest", Digest.of(Bytes.utf8("x")).toString()));

    StoreException e = assertThrows(StoreException.class, () -> store.putManifest(sample(), "v1"));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
  }

  @Test
  void putBlob_contentNotMatchingDescriptor_sessionCancelledNothingCommitted() throws Exception {
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("expected"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/v2/team/app/blobs/uploads/u1?_state=s"));
    server.enqueue(new MockResponse().setResponseCode(204));

    StoreException e =
        assertThrows(
            StoreException.class, () -> store.putBlob(d, Bytes.utf8("mismatch").openStream()));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("expected " + d.digest()), e.getMessage());
    assertEquals("POST", server.takeRequest().getMethod());
    RecordedRequest cancel = server.takeRequest();
    assertEquals("DELETE", cancel.getMethod());
    assertEquals("/v2/team/app/blobs/uploads/u1?_state=s", cancel.getPath());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void putBlob_registryKeepsPartOfAChunk_restResent() throws Exception {
    byte[] data = new byte[2500];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Bytes content = Bytes.of(data);
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    store = new RegistryStore(new OkHttpClient(), baseUrl(), REPO, 1000, OptionalInt.empty(), 10);
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "http://127.0.0.1:" + server.getPort() + "/up/1"));
    // First chunk: the registry says it kept only 0-599 (bytes= prefix, as older docs show).
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/up/2")
            .setHeader("Range", "bytes=0-599"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/up/3")
            .setHeader("Range", "0-999"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "up/4")
            .setHeader("Range", "0-1999"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/up/5?s=1")
            .setHeader("Range", "0-2499"));
    server.enqueue(new MockResponse().setResponseCode(201));

    store.putBlob(d, content.openStream());

    assertEquals("POST", server.takeRequest().getMethod());
    RecordedRequest p1 = server.takeRequest();
    assertEquals("/up/1", p1.getPath());
    assertEquals("0-999", p1.getHeader("Content-Range"));
    RecordedRequest p1again = server.takeRequest();
    assertEquals("/up/2", p1again.getPath());
    assertEquals("600-999", p1again.getHeader("Content-Range"));
    assertEquals(400, p1again.getBodySize());
    assertEquals("1000-1999", server.takeRequest().getHeader("Content-Range"));
    RecordedRequest p3 = server.takeRequest();
    assertEquals("/up/up/4", p3.getPath()); // relative to /up/3
    assertEquals("2000-2499", p3.getHeader("Content-Range"));
    RecordedRequest put = server.takeRequest();
    assertEquals("PUT", put.getMethod());
    assertEquals("/up/5?s=1&digest=" + d.digest().toString().replace(":", "%3A"), put.getPath());
  }

  @Test
  void putBlob_serverErrorOnPut_sessionRestartedOnceAndStored() throws Exception {
    Bytes content = Bytes.utf8("small blob");
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", "/up/1"));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", "/up/2"));
    server.enqueue(new MockResponse().setResponseCode(201));

    store.putBlob(d, content.openStream());

    assertEquals("POST", server.takeRequest().getMethod());
    assertTrue(server.takeRequest().getPath().startsWith("/up/1?digest="));
    assertEquals("POST", server.takeRequest().getMethod());
    RecordedRequest put = server.takeRequest();
    assertTrue(put.getPath().startsWith("/up/2?digest="));
    assertEquals("small blob", put.getBody().readUtf8());
  }

  @Test
  void putBlob_serverErrorEveryTime_givesUpAfterThreeSessions() {
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("x"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", "/up/" + i));
      server.enqueue(new MockResponse().setResponseCode(500));
    }

    StoreException e =
        assertThrows(StoreException.class, () -> store.putBlob(d, Bytes.utf8("x").openStream()));

    assertEquals(Reason.IO, e.reason());
    assertEquals(500, e.httpStatus());
    assertEquals(6, server.getRequestCount());
  }

  @Test
  void hasBlob_404_false() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertFalse(store.hasBlob(sample().digest()));
  }
}
