package dev.custody.core.internal.notary.verify;

import dev.custody.core.internal.notary.trust.TrustStoreType;

/** {@code io.cncf.notary.signingScheme} (FORMATS.md §5.3). */
public enum SigningScheme {
  /** {@code notary.x509}: signing time is a claim; trust comes from {@code ca:} stores. */
  X509("notary.x509", TrustStoreType.CA),
  /** {@code notary.x509.signingAuthority}: authentic signing time; {@code signingAuthority:}. */
  X509_SIGNING_AUTHORITY("notary.x509.signingAuthority", TrustStoreType.SIGNING_AUTHORITY);

  private final String value;
  private final TrustStoreType storeType;

  SigningScheme(String value, TrustStoreType storeType) {
    this.value = value;
    this.storeType = storeType;
  }

  /** {@return the header value} */
  public String value() {
    return value;
  }

  /** {@return the only store type notation loads for this scheme (notation-go helpers.go)} */
  public TrustStoreType storeType() {
    return storeType;
  }
}
