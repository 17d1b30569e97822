package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A store whose {@link #resolve} answers a fixed descriptor or throws a fixed failure; it records
 * what it was asked. Only for what the CLI layer itself decides (output, exit codes); real
 * resolution is tested against real layouts.
 */
final class FakeStore implements ArtifactStore {
  final List<String> resolved = new ArrayList<>();
  private final Descriptor answer;
  private final Exception failure;

  private FakeStore(Descriptor answer, Exception failure) {
    this.answer = answer;
    this.failure = failure;
  }

  static FakeStore returning(Descriptor descriptor) {
    return new FakeStore(descriptor, null);
  }

  static FakeStore throwing(Exception failure) {
    return new FakeStore(null, failure);
  }

  /** {@return a Custody whose provider opens this store for every reference} */
  Custody custody() {
    return Custody.builder().provider((reference, options) -> this).build();
  }

  @Override
  public String location() {
    return "fake";
  }

  @Override
  public Descriptor resolve(String tagOrDigest) throws dev.custody.store.StoreException {
    resolved.add(tagOrDigest);
    if (failure instanceof dev.custody.store.StoreException) {
      throw (dev.custody.store.StoreException) failure;
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    return answer;
  }

  @Override
  public void close() {}

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
