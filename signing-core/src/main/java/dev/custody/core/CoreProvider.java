package dev.custody.core;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.Bytes;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.core.internal.attach.cosign.CosignScheme;
import dev.custody.core.internal.keys.KeyPairGeneration;
import dev.custody.core.internal.attach.attest.AttestService;
import dev.custody.core.internal.attach.attest.CustodyVerification;
import dev.custody.core.internal.gate.CheckOutcome;
import dev.custody.core.internal.gate.Gate;
import dev.custody.core.internal.gate.ImageCheck;
import dev.custody.core.internal.attach.notation.NotationScheme;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.policy.PolicyReader;
import dev.custody.core.internal.policy.ReportJson;
import dev.custody.core.internal.policy.ReportText;
import dev.custody.core.internal.promote.CustodyCopier;
import dev.custody.core.internal.promote.ExportRecord;
import dev.custody.core.internal.promote.Exporter;
import dev.custody.core.internal.promote.Promoter;
import dev.custody.core.internal.registry.RegistryStores;
import dev.custody.core.internal.sign.SignService;
import dev.custody.core.internal.tree.AttachmentFinder;
import dev.custody.core.internal.verify.VerifyService;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.PasswordSource;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.ReportFormat;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.Attachments;
import dev.custody.store.CopyListener;
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

  /**
   * The schemes on the system clock; each call uses {@link SignatureSchemes#withClock} with the
   * caller's clock, sharing the cosign tag locks.
   */
  private final SignatureSchemes schemes =
      new SignatureSchemes(
          List.of(new CosignScheme(Clock.systemUTC()), new NotationScheme(Clock.systemUTC())));
  private final RegistryStores registries = new RegistryStores();

  /** Creates the provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public CoreProvider() {}

  @Override
  public SignResult sign(
      ImageReference image, Signer signer, SignOptions options, StoreOptions storeOptions)
      throws CustodyException {
    return sign(image, signer, options, Clock.systemUTC(), storeOptions);
  }

  @Override
  public SignResult sign(
      ImageReference image,
      Signer signer,
      SignOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(clock, "clock");
    try (ArtifactStore store = open(image, storeOptions)) {
      return new SignService(schemes.withClock(clock)).sign(store, image, signer, options);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public SignatureReport verify(
      ImageReference image, VerifyOptions options, StoreOptions storeOptions)
      throws CustodyException {
    return verify(image, options, Clock.systemUTC(), storeOptions);
  }

  @Override
  public SignatureReport verify(
      ImageReference image, VerifyOptions options, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(clock, "clock");
    try (ArtifactStore store = open(image, storeOptions)) {
      return new VerifyService(schemes.withClock(clock)).verify(store, image, options);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public GeneratedKeyPair generateKeyPair(
      Path prefix, KeyPairOptions options, PasswordSource passwords) throws KeyException {
    return generateKeyPair(prefix, options, passwords, Clock.systemUTC());
  }

  @Override
  public GeneratedKeyPair generateKeyPair(
      Path prefix, KeyPairOptions options, PasswordSource passwords, Clock clock)
      throws KeyException {
    return new KeyPairGeneration(requireNonNull(clock, "clock"))
        .generate(prefix, options, passwords);
  }

  @Override
  public Attachments attachments(ImageReference image, StoreOptions storeOptions)
      throws CustodyException {
    try (ArtifactStore store = open(image, storeOptions)) {
      return new AttachmentFinder().find(store, image);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public GateReport gate(
      GateRequest request, GateOptions options, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(request, "request");
    requireNonNull(options, "options");
    requireNonNull(clock, "clock");
    requireNonNull(storeOptions, "storeOptions");
    return new Gate(
            image -> resolveDigest(image, storeOptions),
            imageCheck(request, clock, storeOptions),
            options)
        .run(request.files());
  }

  /** The gate's resolver: the digest a tag names in its store now. */
  private Digest resolveDigest(ImageReference image, StoreOptions storeOptions)
      throws CustodyException {
    try (ArtifactStore store = open(image, storeOptions)) {
      return store.resolve(image.tagOrDigest()).digest();
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  /**
   * The gate's check: a custody policy evaluated at {@code clock}, or (for {@code --key}) a
   * signature verification trusting exactly the one signer. The gate gives it the image pinned to
   * the digest it resolved, so it verifies exactly that digest, which the gate pins.
   */
  private ImageCheck imageCheck(GateRequest request, Clock clock, StoreOptions storeOptions) {
    if (request.policy().isPresent()) {
      CustodyPolicy policy = request.policy().get();
      return image -> CheckOutcome.of(verifyCustody(image, policy, clock, storeOptions));
    }
    VerifyOptions verify =
        VerifyOptions.builder().signers(List.of(request.signer().orElseThrow())).build();
    return image -> CheckOutcome.of(verify(image, verify, clock, storeOptions));
  }

  @Override
  public AttestResult attest(
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options,
      StoreOptions storeOptions)
      throws CustodyException {
    return attest(
        image, signer, predicateType, predicateJson, options, Clock.systemUTC(), storeOptions);
  }

  @Override
  public AttestResult attest(
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(clock, "clock");
    try (ArtifactStore store = open(image, storeOptions)) {
      return new AttestService(clock)
          .attest(store, image, signer, predicateType, predicateJson, options);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public AttestationReport verifyAttestations(
      ImageReference image, VerifyOptions options, String predicateType, StoreOptions storeOptions)
      throws CustodyException {
    return verifyAttestations(image, options, predicateType, Clock.systemUTC(), storeOptions);
  }

  @Override
  public AttestationReport verifyAttestations(
      ImageReference image,
      VerifyOptions options,
      String predicateType,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(clock, "clock");
    try (ArtifactStore store = open(image, storeOptions)) {
      return new AttestService(clock).verify(store, image, options, predicateType);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public CustodyPolicy readPolicy(Path file) throws CustodyException {
    return PolicyReader.read(requireNonNull(file, "file"));
  }

  @Override
  public CustodyReport verifyCustody(
      ImageReference image, CustodyPolicy policy, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    requireNonNull(policy, "policy");
    requireNonNull(clock, "clock");
    try (ArtifactStore store = open(image, storeOptions)) {
      return new CustodyVerification(schemes.withClock(clock), ExportRecord.forImage(image))
          .verify(store, image, policy, clock);
    } catch (IOException e) {
      throw closeFailed(image, e);
    }
  }

  @Override
  public CopyResult copy(
      ImageReference source, ImageReference destination, StoreOptions storeOptions)
      throws CustodyException {
    return copy(source, destination, storeOptions, CopyListener.none());
  }

  @Override
  public CopyResult copy(
      ImageReference source,
      ImageReference destination,
      StoreOptions storeOptions,
      CopyListener listener)
      throws CustodyException {
    requireNonNull(listener, "listener");
    try (ArtifactStore from = open(source, storeOptions);
        ArtifactStore to = open(destination, storeOptions.withCreateLayouts())) {
      return CustodyCopier.copy(from, source, to, destination, listener);
    } catch (IOException e) {
      throw closeFailed(destination, e);
    }
  }

  @Override
  public CopyResult export(ImageReference image, ImageReference layout, StoreOptions storeOptions)
      throws CustodyException {
    return export(image, layout, storeOptions, CopyListener.none());
  }

  @Override
  public CopyResult export(
      ImageReference image, ImageReference layout, StoreOptions storeOptions, CopyListener listener)
      throws CustodyException {
    requireNonNull(layout, "layout");
    requireNonNull(listener, "listener");
    if (!layout.isLayout()) {
      throw new IllegalArgumentException("export " + image + ": not a layout reference: " + layout);
    }
    try (ArtifactStore from = open(image, storeOptions);
        LayoutStore to = LayoutStore.open(Path.of(layout.layoutPath()), true)) {
      return Exporter.export(from, image, to, layout, listener);
    } catch (IOException e) {
      throw closeFailed(layout, e);
    }
  }

  @Override
  public PromoteResult promote(
      ImageReference source,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    return promote(
        source, destination, signer, options, clock, storeOptions, CopyListener.none());
  }

  @Override
  public PromoteResult promote(
      ImageReference source,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      Clock clock,
      StoreOptions storeOptions,
      CopyListener listener)
      throws CustodyException {
    requireNonNull(options, "options");
    requireNonNull(clock, "clock");
    requireNonNull(listener, "listener");
    try (ArtifactStore from = open(source, storeOptions)) {
      Promoter promoter =
          new Promoter(
              new CustodyVerification(schemes.withClock(clock), ExportRecord.forImage(source)),
              new AttestService(clock),
              clock);
      return promoter.promote(
          from,
          source,
          () -> open(destination, storeOptions.withCreateLayouts()),
          destination,
          signer,
          options,
          listener);
    } catch (IOException e) {
      throw closeFailed(destination, e);
    }
  }

  @Override
  public String render(CustodyReport report, ReportFormat format) {
    requireNonNull(report, "report");
    return requireNonNull(format, "format") == ReportFormat.JSON
        ? ReportJson.render(report).asUtf8()
        : ReportText.render(report);
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
