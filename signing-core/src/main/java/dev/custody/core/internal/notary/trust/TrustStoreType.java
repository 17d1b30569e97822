package dev.custody.core.internal.notary.trust;

import java.util.Optional;

/** The kinds of named trust store ({@code truststore/x509/<type>/<name>/}), FORMATS.md §5.7. */
public enum TrustStoreType {
  /** Certificate authorities, for signing scheme {@code notary.x509}. */
  CA("ca"),
  /** Signing authorities, for signing scheme {@code notary.x509.signingAuthority}. */
  SIGNING_AUTHORITY("signingAuthority"),
  /** Roots of timestamping authorities, for RFC 3161 countersignatures. */
  TSA("tsa");

  private final String directoryName;

  TrustStoreType(String directoryName) {
    this.directoryName = directoryName;
  }

  /** {@return the prefix in a policy and the directory name in a trust store} */
  public String directoryName() {
    return directoryName;
  }

  /** {@return the type spelled {@code name}, exact spelling} */
  public static Optional<TrustStoreType> fromName(String name) {
    for (TrustStoreType type : values()) {
      if (type.directoryName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
