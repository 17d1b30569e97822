package dev.custody.core;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.core.internal.attach.cosign.CosignScheme;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.promote.CustodyCopier;
import dev.custody.core.internal.registry.RegistryStores;
import dev.custody.core.internal.sign.SignService;
import dev.custody.core.internal.verify.VerifyService;
import dev.custody.oci.ImageReference;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Custody's own implementations, found by {@link java.util.ServiceLoader}: OCI image layouts for
 * {@code oci:} references and registries otherwise. Thread-safe; it keeps only the registry
 * clients it shares between the stores it opens.
 */
public final class CoreProvider implements CustodyProvider {

  private final SignatureSchemes schemes =
      new SignatureSchemes(List.of(new CosignScheme(Clock.systemUTC())));
  private final RegistryStores registries = new RegistryStores();

  /** Creates the provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public CoreProvider() {}

  @Override
  public SignResult sign(
      ImageReference image, Signer signer, SignOptions options, StoreOptions storeOptions)
      throws CustodyException {
    try (ArtifactStore store = open(image, storeOptions)) {
      return new SignService(schemes).sign(store, image, signer, options);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public SignatureReport verify(
      ImageReference image, VerifyOptions options, StoreOptions storeOptions)
      throws CustodyException {
    try (ArtifactStore store = open(image, storeOptions)) {
      return new VerifyService(schemes).verify(store, image, options);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public CopyResult copy(
      ImageReference source, ImageReference destination, StoreOptions storeOptions)
      throws CustodyException {
    try (ArtifactStore from = open(source, storeOptions);
        ArtifactStore to = open(destination, storeOptions.withCreateLayouts())) {
      return CustodyCopier.copy(from, source, to, destination);
    } catch (IOException e) {
      throw closeFailed(destination, e);
    }
  }

  private static StoreException closeFailed(ImageReference image, IOException e) {
    return new StoreException(Reason.IO, "close store " + image.context() + ": " + e.getMessage(), e);
  }

  @Override
  public ArtifactStore open(ImageReference reference, StoreOptions options) throws CustodyException {
    requireNonNull(reference, "reference");
    requireNonNull(options, "options");
    if (reference.isLayout()) {
      return LayoutStore.open(Path.of(reference.layoutPath()), options.createLayouts());
    }
    return openRegistry(reference, options);
  }

  /**
   * Opens a registry repository through {@link RegistryStores}: one shared authenticated client
   * per {@link dev.custody.registry.RegistryOptions}, HTTPS except for loopback and explicitly
   * allowed hosts.
   */
  ArtifactStore openRegistry(ImageReference reference, StoreOptions options) throws StoreException {
    return registries.open(reference, options.registry());
  }
}
