package dev.custody.core;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.core.internal.gate.CheckOutcome;
import dev.custody.core.internal.gate.Gate;
import dev.custody.core.internal.gate.ImageCheck;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.sign.SignService;
import dev.custody.core.internal.verify.VerifyService;
import dev.custody.InvalidInputException;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Custody's own implementations, found by {@link java.util.ServiceLoader}: OCI image layouts for
 * {@code oci:} references and registries otherwise. Stateless and thread-safe.
 */
public final class CoreProvider implements CustodyProvider {

  private final SignatureSchemes schemes = new SignatureSchemes(List.of());

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
  public GateReport gate(GateRequest request, GateOptions options, StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(request, "request");
    requireNonNull(options, "options");
    requireNonNull(storeOptions, "storeOptions");
    return new Gate(imageCheck(request, storeOptions), options).run(request.files());
  }

  /** The gate's check: a one-signer signature verification, or a custody policy evaluation. */
  private ImageCheck imageCheck(GateRequest request, StoreOptions storeOptions)
      throws InvalidInputException {
    if (request.signer().isPresent()) {
      VerifyOptions verify =
          VerifyOptions.builder().signers(List.of(request.signer().get())).build();
      return image -> CheckOutcome.of(verify(image, verify, storeOptions));
    }
    // TODO(lead): wire the policy path once verifyCustody lands (helper "attest"):
    //   return image -> CheckOutcome.of(<verifyCustody>(image, request.policy().get(), storeOptions));
    throw new InvalidInputException(
        Reason.UNSUPPORTED,
        "gate with policy "
            + request.policy().orElseThrow().name()
            + ": custody policy evaluation is not available in this build yet; use a key");
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

  /** Opens a registry repository. */
  ArtifactStore openRegistry(ImageReference reference, StoreOptions options) throws StoreException {
    throw new StoreException(
        Reason.UNSUPPORTED,
        "open " + reference.context() + ": the registry client is not available yet; use an oci: layout",
        null);
  }
}
