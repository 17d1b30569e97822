package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.auth.RegistryHttpClients;
import dev.custody.core.internal.registry.auth.RegistryScope;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RegistryStore against a real registry (CNCF distribution, started by the fixture). */
class RegistryStoreTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
  @RegisterExtension static final RegistryFixture SECURED = RegistryFixture.withBasicAuth();

  private static RegistryStore store(String repository) {
    return new RegistryStore(new OkHttpClient(), REGISTRY.baseUrl(), repository);
  }

  @Test
  void pushAndPull_manifestAndBlobs_sameBytesAndDigests() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("push-pull"));
    store.ping();
    ImageManifest m = RegistryTestImages.pushImage(store, "one");
    store.putManifest(m, "v1");

    Descriptor resolved = store.resolve("v1");
    Manifest pulled = store.manifest(resolved.digest());

    assertEquals(Descriptor.of(MediaType.OCI_MANIFEST, m.digest(), m.raw().size()), resolved);
    assertEquals(m.raw(), pulled.raw());
    assertEquals(resolved, store.resolve(m.digest().toString()));
    Descriptor layer = m.layers().get(0);
    assertEquals(Bytes.utf8("layer of one"), store.readBlob(layer, 1024));
    assertTrue(store.hasBlob(layer.digest()));
    assertFalse(store.hasBlob(Digest.of(Bytes.utf8("absent"))));
    assertEquals(List.of("v1"), store.tags());
    assertEquals(
        "127.0.0.1:" + REGISTRY.baseUrl().replaceAll(".*:", "") + "/" + store.repository(),
        store.location());
  }

  @Test
  void manifest_absent_notFoundNamingRepositoryStatusAndCode() {
    RegistryStore store = store(REGISTRY.uniqueRepository("absent"));
    Digest absent = Digest.of(Bytes.utf8("nothing"));

    StoreException e = assertThrows(StoreException.class, () -> store.manifest(absent));

    assertEquals(Reason.NOT_FOUND, e.reason());
    assertEquals(404, e.httpStatus());
    assertTrue(
        e.getMessage()
            .startsWith(
                "pull manifest "
                    + store.location()
                    + "@"
                    + absent
                    + ": not found (HTTP 404, registry code "),
        e.getMessage());
  }

  @Test
  void putBlob_multiMebibyteInChunks_readBackVerified() throws Exception {
    RegistryRequests requests = new RegistryRequests();
    String repository = REGISTRY.uniqueRepository("chunked");
    RegistryStore store =
        new RegistryStore(
            requests.client(),
            REGISTRY.baseUrl(),
            repository,
            1024 * 1024,
            OptionalInt.empty(),
            10);
    byte[] data = new byte[5 * 1024 * 1024 + 123];
    new Random(42).nextBytes(data);
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.of(data));

    store.putBlob(d, Bytes.of(data).openStream());

    assertEquals(6, requests.count("PATCH", "/blobs/uploads/"));
    assertEquals(1, requests.count("PUT", "/blobs/uploads/"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.readBlob(d, out);
    assertArrayEquals(data, out.toByteArray());
    try (InputStream in = store(repository).openBlob(d)) {
      assertEquals(data.length, in.readAllBytes().length);
    }
  }

  @Test
  void putBlob_wrongContent_digestMismatchAndNothingStored() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("mismatch"));
    Descriptor d = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("declared"));

    StoreException e =
        assertThrows(
            StoreException.class, () -> store.putBlob(d, Bytes.utf8("actual!!").openStream()));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(
        e.getMessage()
            .contains("expected " + d.digest() + ", got " + Digest.of(Bytes.utf8("actual!!"))),
        e.getMessage());
    assertFalse(store.hasBlob(d.digest()));
  }

  @Test
  void mountOrUpload_blobInSiblingRepository_mountedWithoutTransfer() throws Exception {
    RegistryStore source = store(REGISTRY.uniqueRepository("mount-src"));
    Descriptor blob = source.putBlob(MediaType.OCI_LAYER, Bytes.utf8("shared layer"));
    RegistryRequests requests = new RegistryRequests();
    RegistryStore target =
        new RegistryStore(
            requests.client(), REGISTRY.baseUrl(), REGISTRY.uniqueRepository("mount-dst"));

    boolean mounted =
        target.mountOrUpload(
            blob,
            source.repository(),
            () -> {
              throw new AssertionError("no upload expected");
            });

    assertTrue(mounted);
    assertTrue(target.hasBlob(blob.digest()));
    RegistryRequests.Seen post = requests.seen.get(0);
    assertEquals("mount=" + blob.digest() + "&from=" + source.repository(), post.query());
    assertEquals(RegistryScope.push(target.repository()), post.scope());
    assertEquals(201, post.status());
  }

  @Test
  void mountOrUpload_sourceLacksBlob_registryDeclinesAndBlobIsUploaded() throws Exception {
    Bytes content = Bytes.utf8("only here");
    Descriptor blob = Descriptor.ofContent(MediaType.OCI_LAYER, content);
    RegistryStore target = store(REGISTRY.uniqueRepository("mount-fallback"));

    boolean mounted =
        target.mountOrUpload(blob, REGISTRY.uniqueRepository("empty-source"), content::openStream);

    assertFalse(mounted);
    assertEquals(content, target.readBlob(blob, 100));
  }

  @Test
  void tags_pageSizeIgnoredByDistribution28_allTagsFromOneAnswer() throws Exception {
    RegistryRequests requests = new RegistryRequests();
    String repository = REGISTRY.uniqueRepository("tags");
    RegistryStore writer = store(repository);
    ImageManifest m = RegistryTestImages.pushImage(writer, "tags");
    List<String> expected = List.of("a1", "a2", "b1", "b2", "c1");
    for (String tag : expected) {
      writer.putManifest(m, tag);
    }
    RegistryStore reader =
        new RegistryStore(
            requests.client(), REGISTRY.baseUrl(), repository, 1024, OptionalInt.of(2), 10);

    List<String> listed = reader.tags();

    // distribution 2.8 ignores n on tags/list (tag pagination came with v3) and answers in storage
    // order without a Link header: a short answer to n=2 must not end the listing early, and a
    // full answer must not be cut. Link pagination itself is covered by RegistryStoreFaultsTest.
    assertEquals(expected, listed.stream().sorted().collect(java.util.stream.Collectors.toList()));
    assertEquals(1, requests.count("GET", "/tags/list"));
    assertEquals("n=2", requests.seen.get(0).query());
  }

  @Test
  void requests_taggedWithLeastPrivilegeScope() throws Exception {
    RegistryRequests requests = new RegistryRequests();
    String repository = REGISTRY.uniqueRepository("scopes");
    RegistryStore store = new RegistryStore(requests.client(), REGISTRY.baseUrl(), repository);
    ImageManifest m = RegistryTestImages.pushImage(store, "scopes");
    store.resolve(m.digest().toString());
    store.manifest(m.digest());
    store.readBlob(m.config(), 4096);

    for (RegistryRequests.Seen s : requests.seen) {
      boolean read = s.method().equals("GET") || s.method().equals("HEAD");
      assertEquals(
          read ? RegistryScope.pull(repository) : RegistryScope.push(repository),
          s.scope(),
          s.toString());
    }
    assertTrue(
        requests.count("HEAD", "/manifests/") == 1 && requests.count("PUT", "/manifests/") == 1);
  }

  @Test
  void deleteManifest_thenGone() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("delete"));
    ImageManifest m = RegistryTestImages.pushImage(store, "delete");

    store.deleteManifest(m.digest());

    StoreException e =
        assertThrows(StoreException.class, () -> store.resolve(m.digest().toString()));
    assertEquals(Reason.NOT_FOUND, e.reason());
  }

  @Test
  void basicAuth_withCredentials_pushAndPull() throws Exception {
    String repository = SECURED.uniqueRepository("basic");
    RegistryStore store =
        new RegistryStore(
            RegistryRequests.basicAuth(SECURED.username(), SECURED.password()),
            SECURED.baseUrl(),
            repository);
    ImageManifest m = RegistryTestImages.pushImage(store, "secured");

    assertEquals(m.raw(), store.manifest(m.digest()).raw());
  }

  @Test
  void basicAuth_throughTheAuthLayersClient_pushPullAndMount() throws Exception {
    RegistryOptions options =
        RegistryOptions.builder()
            .dockerConfig(false)
            .credentialProvider(
                CredentialProvider.of(
                    SECURED.hostPort(), Credential.basic(SECURED.username(), SECURED.password())))
            .build();
    OkHttpClient client = RegistryHttpClients.create(options);
    RegistryStore source =
        new RegistryStore(client, SECURED.baseUrl(), SECURED.uniqueRepository("auth-src"));
    ImageManifest m = RegistryTestImages.pushImage(source, "through-auth");
    RegistryStore target =
        new RegistryStore(client, SECURED.baseUrl(), SECURED.uniqueRepository("auth-dst"));

    ImageCopier.Result copied =
        ImageCopier.copy(source, m.digest().toString(), target, Optional.of("v1"));

    assertEquals(2, copied.blobsMounted());
    assertEquals(m.raw(), target.manifest(target.resolve("v1").digest()).raw());
  }

  @Test
  void basicAuth_withoutCredentials_unauthorizedWithCode() {
    RegistryStore store =
        new RegistryStore(new OkHttpClient(), SECURED.baseUrl(), SECURED.uniqueRepository("anon"));

    StoreException e = assertThrows(StoreException.class, () -> store.tags());

    assertEquals(Reason.UNAUTHORIZED, e.reason());
    assertEquals("UNAUTHORIZED", e.errorCode());
    assertTrue(
        e.getMessage().startsWith("list tags of " + store.location() + ": unauthorized"),
        e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 401, registry code UNAUTHORIZED"), e.getMessage());
  }

  @Test
  void badWrongPassword_unauthorized() {
    RegistryStore store =
        new RegistryStore(
            RegistryRequests.basicAuth(SECURED.username(), "wrong"),
            SECURED.baseUrl(),
            SECURED.uniqueRepository("wrong"));

    StoreException e = assertThrows(StoreException.class, store::ping);

    assertEquals(Reason.UNAUTHORIZED, e.reason());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
  }

  @Test
  void constructor_plainHttpToRemoteHost_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RegistryStore(new OkHttpClient(), "http://registry.example.com", "app"));
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    new RegistryStore(new OkHttpClient(), "https://registry.example.com", "app");
    new RegistryStore(new OkHttpClient(), "http://localhost:5000", "app");
  }

  @Test
  void resolve_digestWithMissingSubjectReferrer_acceptedAnyOrder() throws Exception {
    // distribution-spec: a manifest whose subject is absent must still be accepted.
    RegistryStore store = store(REGISTRY.uniqueRepository("subject-first"));
    ImageManifest future =
        RegistryTestImages.manifest(
            Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}")), List.of());
    ImageManifest referrer =
        RegistryTestImages.pushReferrer(
            store, future, "early", MediaType.of("application/vnd.example.sig"));

    assertEquals(List.of(referrer.descriptor()), store.referrers(future.digest()));
    assertEquals(new ArrayList<>(List.of(ReferrersTagIndex.tagFor(future.digest()))), store.tags());
  }
}
