package dev.custody;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.sign.Verifier;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
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

  private Custody(Builder builder) {
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
        requireNonNull(image, "image"), requireNonNull(options, "options"), storeOptions);
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

    private Builder() {}

    /** Uses {@code value} instead of the provider found by ServiceLoader. @param value the provider @return this builder */
    public Builder provider(CustodyProvider value) {
      this.provider = requireNonNull(value, "value");
      return this;
    }

    /** Sets how stores are reached. @param value the options @return this builder */
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
