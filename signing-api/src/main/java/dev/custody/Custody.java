package dev.custody;

import static java.util.Objects.requireNonNull;

import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.AttestationReport;
import dev.custody.attest.PredicateTypes;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.ReportFormat;
import dev.custody.policy.SignatureFormat;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.Verifier;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.Attachments;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point for embedders.
 *
 * <pre>{@code
 * Custody custody = Custody.builder().build();
 * try (ArtifactStore store = custody.open(ImageReference.parse("oci:build/layout:v1"))) {
 *   Descriptor manifest = store.resolve("v1");
 * }
 * }</pre>
 *
 * <p>Configuration is explicit: whatever the builder is given wins, and only what it is not given
 * is found with {@link ServiceLoader} (the {@code signing-core} provider). There is no global
 * state. Instances are immutable and thread-safe.
 */
public final class Custody {
  private final CustodyProvider provider;
  private final StoreOptions storeOptions;
  private final List<KeyProvider> keyProviders;
  private final Clock clock;

  private Custody(Builder builder) {
    this.clock = builder.clock;
    this.provider = builder.provider != null ? builder.provider : loadProvider();
    this.storeOptions = builder.storeOptions;
    List<KeyProvider> keys = new ArrayList<>(builder.keyProviders);
    ServiceLoader.load(KeyProvider.class, Custody.class.getClassLoader()).forEach(keys::add);
    this.keyProviders = List.copyOf(keys);
  }

  /** {@return a builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the store holding {@code reference} (a registry repository, or a layout directory).
   *
   * @param reference the image reference
   * @return an open store; the caller closes it
   * @throws CustodyException if the store cannot be opened
   */
  public ArtifactStore open(ImageReference reference) throws CustodyException {
    return provider.open(requireNonNull(reference, "reference"), storeOptions);
  }

  /**
   * Resolves {@code reference} once to the descriptor of its manifest.
   *
   * @param reference the image reference
   * @return the manifest descriptor, whose digest names the image from now on
   * @throws CustodyException if the store cannot be opened or the reference does not resolve
   */
  public Descriptor resolve(ImageReference reference) throws CustodyException {
    try (ArtifactStore store = open(reference)) {
      return store.resolve(reference.tagOrDigest());
    } catch (java.io.IOException e) {
      throw new StoreException(CustodyException.Reason.IO, "close store " + reference.context(), e);
    }
  }

  /**
   * Opens the private key {@code key} names with the first key provider that supports it: those
   * given to the builder first, then those found by ServiceLoader (file paths in core).
   *
   * @param key the key reference, e.g. a path or {@code pkcs11:…}
   * @param passwords where a password comes from if the key is encrypted
   * @return the signer
   * @throws KeyException if no provider supports the reference or the key cannot be opened
   */
  public Signer signer(KeyRef key, PasswordSource passwords) throws KeyException {
    requireNonNull(passwords, "passwords");
    return keyProvider(key).signer(key, passwords);
  }

  /**
   * Opens the private key {@code key} names for one chosen algorithm of the key's type, with the
   * first key provider that supports it (see {@link KeyProvider#signer(KeyRef, PasswordSource,
   * SignatureAlgorithm)}); for an RSA key used with RSASSA-PSS, say.
   *
   * @param key the key reference
   * @param passwords where a password comes from if the key is encrypted
   * @param algorithm the algorithm of every signature the signer makes; it must fit the key
   * @return the signer, whose {@link Signer#algorithm()} is {@code algorithm}
   * @throws KeyException if no provider supports the reference, the key cannot be opened, or it
   *     does not fit {@code algorithm} ({@link CustodyException.Reason#UNSUPPORTED})
   */
  public Signer signer(KeyRef key, PasswordSource passwords, SignatureAlgorithm algorithm)
      throws KeyException {
    requireNonNull(passwords, "passwords");
    requireNonNull(algorithm, "algorithm");
    return keyProvider(key).signer(key, passwords, algorithm);
  }

  /**
   * Opens the private key {@code key} names with the algorithm the signature format of {@code
   * options} uses for it, so that the result can be passed to {@link #sign} with the same options:
   *
   * <ul>
   *   <li>{@link SignatureFormat#NOTATION}: the algorithm {@link
   *       SignatureAlgorithm#notaryAlgorithm} gives for the public key of the leaf certificate
   *       (the first of {@link SignOptions#certificateChain()}), for example RSASSA-PSS with
   *       SHA-384 for an RSA 3072 key (FORMATS.md §5.5). Signing then checks that the leaf carries
   *       exactly this signer's key, so the algorithm is fixed by the key, never by other input.
   *       Without a readable leaf of a key type Notary signs with, the key type's default (and
   *       {@link #sign} reports what is wrong with the chain);
   *   <li>{@link SignatureFormat#COSIGN}: the key type's default, as {@link #signer(KeyRef,
   *       PasswordSource)}.
   * </ul>
   *
   * <pre>{@code
   * SignOptions options = SignOptions.builder()
   *     .format(SignatureFormat.NOTATION).certificateChain(List.of(leafDer)).build();
   * Signer signer = custody.signer(KeyRef.parse("notary.key"), passwords, options);
   * custody.sign(image, signer, options);
   * }</pre>
   *
   * @param key the key reference
   * @param passwords where a password comes from if the key is encrypted
   * @param options the options the signer will sign with
   * @return the signer
   * @throws KeyException as {@link #signer(KeyRef, PasswordSource, SignatureAlgorithm)}; for a
   *     Notary signature whose certificate's key is of another type than the private key, with
   *     {@link CustodyException.Reason#UNSUPPORTED}
   */
  public Signer signer(KeyRef key, PasswordSource passwords, SignOptions options)
      throws KeyException {
    requireNonNull(options, "options");
    Optional<SignatureAlgorithm> algorithm =
        options.format() == SignatureFormat.NOTATION
            ? NotaryAlgorithms.ofLeaf(options.certificateChain())
            : Optional.empty();
    if (algorithm.isEmpty()) {
      return signer(key, passwords);
    }
    try {
      return signer(key, passwords, algorithm.get());
    } catch (KeyException e) {
      if (e.reason() != CustodyException.Reason.UNSUPPORTED) {
        throw e;
      }
      throw new KeyException(
          e.reason(),
          e.getMessage()
              + "; Notary Project signatures use "
              + algorithm.get()
              + " for the signing certificate's key (check that the certificate belongs to this"
              + " key)",
          e);
    }
  }

  /**
   * Opens the public key {@code key} names.
   *
   * @param key the key reference
   * @return the verifier, bound to the key's one algorithm
   * @throws KeyException if no provider supports the reference or the key cannot be read
   */
  public Verifier verifier(KeyRef key) throws KeyException {
    return keyProvider(key).verifier(key);
  }

  /**
   * Reads a public key as a trusted signer named {@code name} (what {@code --key PUB} means).
   *
   * @param name the signer's name in reports
   * @param key the public key reference
   * @return the trusted signer
   * @throws KeyException if the key cannot be read
   */
  public TrustedSigner trustedKey(String name, KeyRef key) throws KeyException {
    return TrustedSigner.publicKey(name, verifier(key).publicKey().spki());
  }

  /**
   * Signs an image; see {@link CustodyProvider#sign}.
   *
   * @param image the image; a tag is resolved once
   * @param signer the key
   * @param options format, annotations, storage
   * @return what was stored
   * @throws CustodyException if resolving, signing or storing fails
   */
  public SignResult sign(ImageReference image, Signer signer, SignOptions options)
      throws CustodyException {
    return provider.sign(
        requireNonNull(image, "image"),
        requireNonNull(signer, "signer"),
        requireNonNull(options, "options"),
        clock,
        storeOptions);
  }

  /**
   * Verifies an image's signatures; see {@link CustodyProvider#verify}.
   *
   * @param image the image; a tag is resolved once
   * @param options what to trust and require
   * @return the report of every signature examined
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   */
  public SignatureReport verify(ImageReference image, VerifyOptions options)
      throws CustodyException {
    return provider.verify(
        requireNonNull(image, "image"), requireNonNull(options, "options"), clock, storeOptions);
  }

  /**
   * Generates a key pair and writes it as {@code <prefix>.key} (mode 0600) and {@code <prefix>.pub},
   * plus {@code <prefix>.crt} when a test certificate is asked for, as {@code cosign
   * generate-key-pair} does. Unless {@link KeyPairOptions#overwrite()}, nothing is written (and no
   * password asked) if any of the files exists.
   *
   * <pre>{@code
   * GeneratedKeyPair pair =
   *     custody.generateKeyPair(Path.of("release"), KeyPairOptions.defaults(),
   *         PasswordSource.environment(System.getenv()));
   * }</pre>
   *
   * @param prefix the path prefix, e.g. {@code cosign} for {@code cosign.key} and {@code cosign.pub}
   * @param options key type, file format, overwriting, test certificate
   * @param passwords asked once for the password that encrypts a {@link
   *     dev.custody.sign.KeyFileFormat#COSIGN} key; not asked for PKCS#8
   * @return the files written and the public key
   * @throws KeyException if a file exists, cannot be written, or no password is available
   */
  public GeneratedKeyPair generateKeyPair(
      Path prefix, KeyPairOptions options, PasswordSource passwords) throws KeyException {
    return provider.generateKeyPair(
        requireNonNull(prefix, "prefix"),
        requireNonNull(options, "options"),
        requireNonNull(passwords, "passwords"),
        clock);
  }

  /**
   * Lists what is attached to an image (what {@code custody tree} shows): cosign's {@code .sig},
   * {@code .att} and {@code .sbom} tags, and referrers found through the store's referrers index
   * or the referrers tag schema. Nothing is verified; see {@link #verify} for that.
   *
   * @param image the image; a tag is resolved once
   * @return the attachments of the resolved digest
   * @throws CustodyException if the image cannot be resolved or read, or it has more than
   *     {@link Attachments#MAX_ATTACHMENTS} attachments
   */
  public Attachments attachments(ImageReference image) throws CustodyException {
    return provider.attachments(requireNonNull(image, "image"), storeOptions);
  }

  /**
   * Runs the deployment gate over Kubernetes / Azure Container Instances YAML, evaluating custody
   * policies at the time of this instance's clock; see {@link CustodyProvider#gate}.
   *
   * <pre>{@code
   * GateReport report = custody.gate(
   *     GateRequest.builder().file(Path.of("deploy.yaml")).signer(releaseKey).build(),
   *     GateOptions.builder().pin(true).output(Path.of("deploy.pinned.yaml")).build());
   * if (!report.passed()) {
   *   report.failures().forEach(i -> System.err.println(i.reference() + ": " + i.reasons()));
   * }
   * }</pre>
   *
   * @param request the files and what to trust
   * @param options pinning, output, bounds and concurrency
   * @return the report: every distinct image with its verdict and locations
   * @throws CustodyException if a file cannot be read, is malformed or exceeds a bound, or the
   *     pinned output cannot be written
   */
  public GateReport gate(GateRequest request, GateOptions options) throws CustodyException {
    return provider.gate(
        requireNonNull(request, "request"),
        requireNonNull(options, "options"),
        clock,
        storeOptions);
  }

  /**
   * Attests an image; see {@link CustodyProvider#attest}.
   *
   * <pre>{@code
   * custody.attest(image, signer, "vuln", Bytes.utf8(scanJson), AttestOptions.defaults());
   * }</pre>
   *
   * @param image the image; a tag is resolved once
   * @param signer the key
   * @param predicateType a predicate type URI, or a short name {@link PredicateTypes#resolve}
   *     knows ({@code slsaprovenance1}, {@code vuln}, {@code approval}, …)
   * @param predicateJson the predicate, a JSON object
   * @param options storage mode and recursion
   * @return what was stored
   * @throws IllegalArgumentException if {@code predicateType} is neither a short name nor a URI
   * @throws CustodyException if the predicate is invalid, or resolving, signing or storing fails
   */
  public AttestResult attest(
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options)
      throws CustodyException {
    return provider.attest(
        requireNonNull(image, "image"),
        requireNonNull(signer, "signer"),
        PredicateTypes.resolve(requireNonNull(predicateType, "predicateType")),
        requireNonNull(predicateJson, "predicateJson"),
        requireNonNull(options, "options"),
        clock,
        storeOptions);
  }

  /**
   * Verifies an image's attestations of one predicate type; see
   * {@link CustodyProvider#verifyAttestations}.
   *
   * @param image the image; a tag is resolved once
   * @param options what to trust and the bounds
   * @param predicateType a predicate type URI or short name
   * @return the report of every candidate examined
   * @throws IllegalArgumentException if {@code predicateType} is neither a short name nor a URI
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   */
  public AttestationReport verifyAttestations(
      ImageReference image, VerifyOptions options, String predicateType)
      throws CustodyException {
    return provider.verifyAttestations(
        requireNonNull(image, "image"),
        requireNonNull(options, "options"),
        PredicateTypes.resolve(requireNonNull(predicateType, "predicateType")),
        clock,
        storeOptions);
  }

  /**
   * Reads and validates a custody policy file; see {@link CustodyProvider#readPolicy}.
   *
   * @param file the policy file
   * @return the policy
   * @throws CustodyException if the file cannot be read or is invalid (line and field named)
   */
  public CustodyPolicy readPolicy(Path file) throws CustodyException {
    return provider.readPolicy(requireNonNull(file, "file"));
  }

  /**
   * Evaluates a custody policy against an image at the time of this instance's clock; see
   * {@link CustodyProvider#verifyCustody}.
   *
   * @param image the image; a tag is resolved once
   * @param policy the policy
   * @return the custody report; check {@link CustodyReport#passed()}
   * @throws CustodyException if the image is outside the policy's scopes, cannot be read, or a
   *     bound is exceeded
   */
  public CustodyReport verifyCustody(ImageReference image, CustodyPolicy policy)
      throws CustodyException {
    return provider.verifyCustody(
        requireNonNull(image, "image"), requireNonNull(policy, "policy"), clock, storeOptions);
  }

  /**
   * Copies an image with all its signatures, attestations and other attachments, digests
   * unchanged; see {@link CustodyProvider#copy}. A layout destination is created if missing.
   *
   * @param source the image; a tag is resolved once
   * @param destination where it goes
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   */
  public CopyResult copy(ImageReference source, ImageReference destination)
      throws CustodyException {
    return provider.copy(
        requireNonNull(source, "source"), requireNonNull(destination, "destination"), storeOptions);
  }

  /**
   * Copies an image as {@link #copy(ImageReference, ImageReference)} does, telling {@code
   * listener} about every manifest and blob as it goes (for a progress display; see {@link
   * CopyListener}).
   *
   * @param source the image; a tag is resolved once
   * @param destination where it goes
   * @param listener hears about each manifest and blob handled, on the calling thread
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   */
  public CopyResult copy(ImageReference source, ImageReference destination, CopyListener listener)
      throws CustodyException {
    return provider.copy(
        requireNonNull(source, "source"),
        requireNonNull(destination, "destination"),
        storeOptions,
        requireNonNull(listener, "listener"));
  }

  /**
   * Exports an image with its whole custody (signatures, attestations, other referrers) to an OCI
   * image layout, and records the source repository in the layout's {@code index.json} (the
   * annotation {@code dev.custody.source} on the image's entry), so that {@link #verifyCustody}
   * on the layout reference is governed by the policy scope of the source repository. The record
   * is not signed: it only selects which scopes match, while every piece of evidence is still
   * verified against the policy's signers. See {@link CustodyProvider#export}.
   *
   * <pre>{@code
   * custody.export(ImageReference.parse("registry.example/app:1.4"), ImageReference.parse("oci:offline"));
   * }</pre>
   *
   * @param image the image; a tag is resolved once
   * @param layout {@code oci:DIR}, or {@code oci:DIR:TAG} to tag the image there; without a tag
   *     the source's tag is used, if it has one
   * @return what was copied
   * @throws IllegalArgumentException if {@code layout} is not a layout reference
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   */
  public CopyResult export(ImageReference image, ImageReference layout) throws CustodyException {
    requireNonNull(image, "image");
    requireNonNull(layout, "layout");
    if (!layout.isLayout()) {
      throw new IllegalArgumentException(
          "export " + image + ": the destination must be an OCI layout (oci:DIR), got " + layout);
    }
    return provider.export(image, layout, storeOptions);
  }

  /**
   * Exports an image as {@link #export(ImageReference, ImageReference)} does, telling {@code
   * listener} about every manifest and blob as it goes (see {@link CopyListener}).
   *
   * @param image the image; a tag is resolved once
   * @param layout {@code oci:DIR} or {@code oci:DIR:TAG}
   * @param listener hears about each manifest and blob handled, on the calling thread
   * @return what was copied
   * @throws IllegalArgumentException if {@code layout} is not a layout reference
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   */
  public CopyResult export(ImageReference image, ImageReference layout, CopyListener listener)
      throws CustodyException {
    requireNonNull(image, "image");
    requireNonNull(layout, "layout");
    requireNonNull(listener, "listener");
    if (!layout.isLayout()) {
      throw new IllegalArgumentException(
          "export " + image + ": the destination must be an OCI layout (oci:DIR), got " + layout);
    }
    return provider.export(image, layout, storeOptions, listener);
  }

  /**
   * Promotes an image from one repository to another: with {@link PromoteOptions#policy()},
   * verifies the source's custody first and writes nothing if it fails; then {@link #copy copies}
   * the image with every attachment and stores a promotion attestation ({@link
   * PredicateTypes#PROMOTION_V1}: {@code source} and {@code destination} as {@code
   * HOST/REPO@DIGEST}, {@code policyDigest} when a policy was given, {@code promotedAt} from this
   * instance's clock) signed by {@code signer} on the destination. A destination policy can then
   * require a promotion stage with a condition on {@code /source}. See {@link
   * CustodyProvider#promote}.
   *
   * <pre>{@code
   * PromoteResult result = custody.promote(staging, prod, signer,
   *     PromoteOptions.builder().policy(custody.readPolicy(Path.of("staging.yaml"))).build());
   * if (!result.promoted()) { ... result.sourceCustody() says why ... }
   * }</pre>
   *
   * @param source the image; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param signer the key signing the promotion statement
   * @param options the policy the source must pass, and the storage mode
   * @return what was done
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   */
  public PromoteResult promote(
      ImageReference source, ImageReference destination, Signer signer, PromoteOptions options)
      throws CustodyException {
    return provider.promote(
        requireNonNull(source, "source"),
        requireNonNull(destination, "destination"),
        requireNonNull(signer, "signer"),
        requireNonNull(options, "options"),
        clock,
        storeOptions);
  }

  /**
   * Promotes an image as {@link #promote(ImageReference, ImageReference, Signer, PromoteOptions)}
   * does, telling {@code listener} about every manifest and blob the copy handles (see {@link
   * CopyListener}); nothing is reported when the source fails the policy, as nothing is copied.
   *
   * @param source the image; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param signer the key signing the promotion statement
   * @param options the policy the source must pass, and the storage mode
   * @param listener hears about each manifest and blob copied, on the calling thread
   * @return what was done
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   */
  public PromoteResult promote(
      ImageReference source,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      CopyListener listener)
      throws CustodyException {
    return provider.promote(
        requireNonNull(source, "source"),
        requireNonNull(destination, "destination"),
        requireNonNull(signer, "signer"),
        requireNonNull(options, "options"),
        clock,
        storeOptions,
        requireNonNull(listener, "listener"));
  }

  /**
   * Renders a custody report as text for people or as POLICY.md's JSON for scripts (what {@code
   * custody verify-custody} prints).
   *
   * @param report the report
   * @param format the format
   * @return the rendering; lines end in {@code \n}, JSON is one document ending in a newline
   * @throws CustodyException if the provider cannot render reports
   */
  public String render(CustodyReport report, ReportFormat format) throws CustodyException {
    return provider.render(requireNonNull(report, "report"), requireNonNull(format, "format"));
  }

  private KeyProvider keyProvider(KeyRef key) throws KeyException {
    requireNonNull(key, "key");
    for (KeyProvider candidate : keyProviders) {
      if (candidate.supports(key)) {
        return candidate;
      }
    }
    throw new KeyException(
        "open key " + key + ": no key provider supports the scheme \"" + key.scheme() + "\"");
  }

  private static CustodyProvider loadProvider() {
    return ServiceLoader.load(CustodyProvider.class, Custody.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no Custody implementation found: add dev.custody:signing-core to the runtime classpath"));
  }

  /** Builds a {@link Custody}. Not thread-safe. */
  public static final class Builder {
    private CustodyProvider provider;
    private StoreOptions storeOptions = StoreOptions.defaults();
    private final List<KeyProvider> keyProviders = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the clock every operation reads the time from; the system clock in UTC by default:
     * signing times recorded in signatures (cosign {@code optional.timestamp}, Notary {@code
     * signingTime} and expiry), the validity of certificates and Notary expiry when verifying,
     * {@code maxAge} and signer windows in custody evaluations, {@code promotedAt}, and the start
     * of a generated test certificate.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "value");
      return this;
    }

    /**
     * Uses {@code value} instead of the provider found by {@link java.util.ServiceLoader}.
     *
     * @param value the implementation every operation delegates to
     * @return this builder
     */
    public Builder provider(CustodyProvider value) {
      this.provider = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how stores are reached: registry credentials, TLS, timeouts and retries (default {@link
     * StoreOptions#defaults()}).
     *
     * @param value the store options
     * @return this builder
     */
    public Builder storeOptions(StoreOptions value) {
      this.storeOptions = requireNonNull(value, "value");
      return this;
    }

    /**
     * Adds a key provider (a KMS, an HSM), consulted before those found by ServiceLoader.
     *
     * @param value the provider
     * @return this builder
     */
    public Builder keyProvider(KeyProvider value) {
      keyProviders.add(requireNonNull(value, "value"));
      return this;
    }

    /** {@return the configured instance} */
    public Custody build() {
      return new Custody(this);
    }
  }
}
