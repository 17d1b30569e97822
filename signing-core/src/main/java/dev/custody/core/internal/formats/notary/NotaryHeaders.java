package dev.custody.core.internal.formats.notary;

import java.util.Set;

/** Header names and fixed values of Notary JWS envelopes (FORMATS.md §5.3). */
public final class NotaryHeaders {
  /** The payload content type ({@code cty}). */
  public static final String PAYLOAD_CONTENT_TYPE = "application/vnd.cncf.notary.payload.v1+json";

  /** The envelope media type (the signature manifest's layer). */
  public static final String JWS_MEDIA_TYPE = "application/jose+json";

  /** The COSE envelope media type (recognised, not written). */
  public static final String COSE_MEDIA_TYPE = "application/cose";

  /** The signing scheme header. */
  public static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";

  /** The signing time header ({@code notary.x509}). */
  public static final String SIGNING_TIME = "io.cncf.notary.signingTime";

  /** The authentic signing time header ({@code notary.x509.signingAuthority}). */
  public static final String AUTHENTIC_SIGNING_TIME = "io.cncf.notary.authenticSigningTime";

  /** The expiry header. */
  public static final String EXPIRY = "io.cncf.notary.expiry";

  /** The verification plugin header. */
  public static final String VERIFICATION_PLUGIN = "io.cncf.notary.verificationPlugin";

  /** The verification plugin minimum version header. */
  public static final String VERIFICATION_PLUGIN_MIN_VERSION =
      "io.cncf.notary.verificationPluginMinVersion";

  /** Unprotected: the RFC 3161 timestamp token. */
  public static final String TIMESTAMP_SIGNATURE = "io.cncf.notary.timestampSignature";

  /** Unprotected: free text naming the signing tool. */
  public static final String SIGNING_AGENT = "io.cncf.notary.signingAgent";

  /** The signing scheme Custody writes. */
  public static final String SCHEME_X509 = "notary.x509";

  /** The signing scheme of signing authorities. */
  public static final String SCHEME_SIGNING_AUTHORITY = "notary.x509.signingAuthority";

  /** Critical header names a verifier understands; any other {@code crit} entry is refused. */
  public static final Set<String> KNOWN_CRITICAL =
      Set.of(
          SIGNING_SCHEME,
          AUTHENTIC_SIGNING_TIME,
          EXPIRY,
          VERIFICATION_PLUGIN,
          VERIFICATION_PLUGIN_MIN_VERSION);

  private NotaryHeaders() {}
}
