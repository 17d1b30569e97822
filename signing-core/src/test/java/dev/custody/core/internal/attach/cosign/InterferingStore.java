package dev.custody.core.internal.attach.cosign;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A real store with a hook that runs once, right after a chosen call: how a test stages another
 * writer's PUT at the exact moment a race would put it, deterministically and without timing.
 */
final class InterferingStore implements ArtifactStore {
  /** What the other writer does. */
  interface Interference {
    void run(ArtifactStore store) throws Exception;
  }

  /** When the other writer acts. */
  enum Moment {
    /** Right after the first tagged manifest PUT (its write lands on top of ours). */
    AFTER_TAGGED_PUT,
    /** Right after the first config blob upload (it writes between our read and our PUT). */
    AFTER_CONFIG_UPLOAD,
    /**
     * Instead of the first tagged manifest PUT (a {@link StoreException} it throws is the PUT's).
     */
    INSTEAD_OF_TAGGED_PUT
  }

  private final ArtifactStore delegate;
  private final Moment moment;
  private Interference pending;

  InterferingStore(ArtifactStore delegate, Moment moment, Interference interference) {
    this.delegate = delegate;
    this.moment = moment;
    this.pending = interference;
  }

  private void maybeInterfere(Moment now) throws StoreException {
    if (now == moment && pending != null) {
      Interference run = pending;
      pending = null;
      try {
        run.run(delegate);
      } catch (StoreException e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError("interference failed", e);
      }
    }
  }

  /** {@return whether the interference happened} */
  boolean interfered() {
    return pending == null;
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) throws StoreException {
    if (moment == Moment.INSTEAD_OF_TAGGED_PUT && pending != null) {
      maybeInterfere(Moment.INSTEAD_OF_TAGGED_PUT);
    }
    Descriptor d = delegate.putManifest(manifest, tag);
    maybeInterfere(Moment.AFTER_TAGGED_PUT);
    return d;
  }

  @Override
  public Descriptor putBlob(MediaType mediaType, Bytes content) throws StoreException {
    Descriptor d = delegate.putBlob(mediaType, content);
    if (mediaType.equals(MediaType.OCI_CONFIG)) {
      maybeInterfere(Moment.AFTER_CONFIG_UPLOAD);
    }
    return d;
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
    return delegate.tags();
  }

  @Override
  public List<Descriptor> referrers(Digest subject) throws StoreException {
    return delegate.referrers(subject);
  }

  @Override
  public void deleteManifest(Digest digest) throws StoreException {
    delegate.deleteManifest(digest);
  }

  @Override
  public void close() throws java.io.IOException {
    delegate.close();
  }
}
