package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How the gate runs: whether it pins, where pinned output goes, the bounds it applies to the
 * deployment files (which come from outside and are refused cleanly when hostile), and how many
 * images it checks at once. Immutable and thread-safe.
 *
 * <p><b>Pinning.</b> With {@link #pin()}, and only when every image passed, each image value is
 * rewritten to its name as written followed by {@code @} and the digest the check returned, e.g.
 * {@code nginx:1.27} becomes {@code nginx@sha256:…} and {@code myacr.azurecr.io/app:1.4@sha256:…}
 * becomes {@code myacr.azurecr.io/app@sha256:…}. The tag is dropped: with a digest present every
 * runtime pulls by digest and ignores the tag, so a kept tag would only be a label that may no
 * longer point at the pinned digest (k8s-digester keeps {@code name:tag@digest}; Custody prefers
 * the unambiguous {@code repo@digest} form). The name is kept as the user spelled it ({@code nginx}
 * is not expanded to {@code docker.io/library/nginx}). The digest is the one the check verified;
 * the tag is never resolved a second time.
 */
public final class GateOptions {
  /** Default bound on the total size of all files of one run: 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /** Default bound on YAML documents (and {@code List} items) in one run. */
  public static final int DEFAULT_MAX_DOCUMENTS = 10_000;

  /** Default bound on container entries in one run. */
  public static final int DEFAULT_MAX_CONTAINERS = 100_000;

  /** Default bound on the length of one image string, in characters. */
  public static final int DEFAULT_MAX_IMAGE_LENGTH = 1024;

  /** Default number of distinct images checked at once. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private final boolean pin;
  private final Optional<Path> output;
  private final long maxBytes;
  private final int maxDocuments;
  private final int maxContainers;
  private final int maxImageLength;
  private final int concurrency;
  private final Optional<Executor> executor;

  private GateOptions(Builder b) {
    this.pin = b.pin;
    this.output = Optional.ofNullable(b.output);
    this.maxBytes = b.maxBytes;
    this.maxDocuments = b.maxDocuments;
    this.maxContainers = b.maxContainers;
    this.maxImageLength = b.maxImageLength;
    this.concurrency = b.concurrency;
    this.executor = Optional.ofNullable(b.executor);
  }

  /** {@return the defaults: no pinning, default bounds, an internal pool} */
  public static GateOptions defaults() {
    return builder().build();
  }

  /** {@return a builder starting from the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pin = pin;
    b.output = output.orElse(null);
    b.maxBytes = maxBytes;
    b.maxDocuments = maxDocuments;
    b.maxContainers = maxContainers;
    b.maxImageLength = maxImageLength;
    b.concurrency = concurrency;
    b.executor = executor.orElse(null);
    return b;
  }

  /** {@return whether to produce the files with every image pinned to its verified digest} */
  public boolean pin() {
    return pin;
  }

  /**
   * {@return the file the pinned documents of all input files are written to, one YAML stream in
   * request order (documents of consecutive files separated by {@code ---}); written atomically,
   * and only if every image passed}. Without it the pinned text is only in {@link
   * GateReport#pinned()}.
   */
  public Optional<Path> output() {
    return output;
  }

  /** {@return the largest total size of all files, in bytes} */
  public long maxBytes() {
    return maxBytes;
  }

  /** {@return the most YAML documents (counting {@code List} items) read in one run} */
  public int maxDocuments() {
    return maxDocuments;
  }

  /** {@return the most container entries read in one run} */
  public int maxContainers() {
    return maxContainers;
  }

  /** {@return the longest image string accepted, in characters} */
  public int maxImageLength() {
    return maxImageLength;
  }

  /** {@return how many distinct images the internal pool checks at once} */
  public int concurrency() {
    return concurrency;
  }

  /**
   * {@return the caller's executor that runs the checks, if given}; the caller owns it (the gate
   * never shuts it down) and bounds it. Without it, the gate uses a pool of {@link #concurrency()}
   * threads of its own for the duration of the run.
   */
  public Optional<Executor> executor() {
    return executor;
  }

  /** Builds {@link GateOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean pin;
    private Path output;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxDocuments = DEFAULT_MAX_DOCUMENTS;
    private int maxContainers = DEFAULT_MAX_CONTAINERS;
    private int maxImageLength = DEFAULT_MAX_IMAGE_LENGTH;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Executor executor;

    private Builder() {}

    /**
     * Asks for pinned output.
     *
     * @param value whether to pin
     * @return this builder
     */
    public Builder pin(boolean value) {
      this.pin = value;
      return this;
    }

    /**
     * Writes the pinned documents to {@code value} (requires {@link #pin}).
     *
     * @param value the output file
     * @return this builder
     */
    public Builder output(Path value) {
      this.output = requireNonNull(value, "value");
      return this;
    }

    /**
     * Bounds the total input size.
     *
     * @param value at least 1 byte
     * @return this builder
     */
    public Builder maxBytes(long value) {
      this.maxBytes = positive(value, "maxBytes");
      return this;
    }

    /**
     * Bounds the documents read.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxDocuments(int value) {
      this.maxDocuments = (int) positive(value, "maxDocuments");
      return this;
    }

    /**
     * Bounds the container entries read.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxContainers(int value) {
      this.maxContainers = (int) positive(value, "maxContainers");
      return this;
    }

    /**
     * Bounds the length of one image string.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxImageLength(int value) {
      this.maxImageLength = (int) positive(value, "maxImageLength");
      return this;
    }

    /**
     * Sets how many images the internal pool checks at once.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder concurrency(int value) {
      this.concurrency = (int) positive(value, "concurrency");
      return this;
    }

    /**
     * Runs the checks on the caller's executor instead of an internal pool.
     *
     * @param value the executor; the caller owns and bounds it
     * @return this builder
     */
    public Builder executor(Executor value) {
      this.executor = requireNonNull(value, "value");
      return this;
    }

    private static long positive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 (got " + value + ")");
      }
      return value;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalStateException if an output file is set without pinning
     */
    public GateOptions build() {
      if (output != null && !pin) {
        throw new IllegalStateException("GateOptions: an output file needs pin(true)");
      }
      return new GateOptions(this);
    }
  }
}
