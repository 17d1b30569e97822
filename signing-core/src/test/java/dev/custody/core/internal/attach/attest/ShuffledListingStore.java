package dev.custody.core.internal.attach.attest;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A store whose tag and referrer listings come back in a seeded random order; all else delegates.
 */
final class ShuffledListingStore implements ArtifactStore {
  private final ArtifactStore delegate;
  private final Random random;

  ShuffledListingStore(ArtifactStore delegate, long seed) {
    this.delegate = delegate;
    this.random = new Random(seed);
  }

  private <T> List<T> shuffled(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public Descriptor resolve(String tagOrDigest) throws StoreException {
    return delegate.resolve(tagOrDigest);
  }

  @Override
  public Manifest manifest(Digest digest) throws StoreException {
    return delegate.manifest(digest);
  }

  @Override
  public Descriptor putManifest(Manifest manifest) throws StoreException {
    return delegate.putManifest(manifest);
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) throws StoreException {
    return delegate.putManifest(manifest, tag);
  }

  @Override
  public boolean hasBlob(Digest digest) throws StoreException {
    return delegate.hasBlob(digest);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) throws StoreException {
    return delegate.openBlob(descriptor);
  }

  @Override
  public void readBlob(Descriptor descriptor, OutputStream out) throws StoreException {
    delegate.readBlob(descriptor, out);
  }

  @Override
  public Bytes readBlob(Descriptor descriptor, int maxBytes) throws StoreException {
    return delegate.readBlob(descriptor, maxBytes);
  }

  @Override
  public void putBlob(Descriptor descriptor, InputStream content) throws StoreException {
    delegate.putBlob(descriptor, content);
  }

  @Override
  public List<String> tags() throws StoreException {
    return shuffled(delegate.tags());
  }

  @Override
  public List<Descriptor> referrers(Digest subject) throws StoreException {
    return shuffled(delegate.referrers(subject));
  }

  @Override
  public void deleteManifest(Digest digest) throws StoreException {
    delegate.deleteManifest(digest);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
