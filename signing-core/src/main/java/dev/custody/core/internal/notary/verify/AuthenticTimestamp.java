package dev.custody.core.internal.notary.verify;

import dev.custody.core.internal.notary.trust.Certificates;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStoreType;
import dev.custody.core.internal.notary.trust.VerifyTimestamp;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The authentic timestamp check (notation-go {@code verifier/verifier.go}
 * {@code verifyAuthenticTimestamp} and {@code verifyTimestamp}; FORMATS.md §5.6):
 *
 * <ul>
 *   <li>{@code notary.x509.signingAuthority}: the signed authentic signing time lies within every
 *       certificate's validity.
 *   <li>{@code notary.x509}: a timestamp is required when the policy names a {@code tsa:} store,
 *       except that with {@code verifyTimestamp: afterCertExpiry} it is required only once a
 *       chain certificate has expired. When it is not required, every chain certificate must be
 *       valid <em>now</em>. When it is required, the token must be present and valid.
 * </ul>
 *
 * <p><b>Not supported:</b> verifying an RFC 3161 token (CMS signature, message imprint over the
 * signature bytes, TSA chain to a {@code tsa:} store, signing-certificate-v2, TSA revocation,
 * genTime ± accuracy within the chain's validity). A required token is only parsed; a token that
 * parses still fails this check with "not supported". notation's fixture outcomes do not depend
 * on it: their tokens are either absent, unparsable, or reached only after an earlier failure or
 * at a level that logs this check.
 */
public final class AuthenticTimestamp {
  private AuthenticTimestamp() {}

  /**
   * Runs the check.
   *
   * @param info the verified envelope
   * @param statement the policy statement
   * @param now the verification time
   * @return why the check fails, or empty if it passes
   */
  public static Optional<String> violation(
      SignerInfo info, TrustPolicyStatement statement, Instant now) {
    if (info.scheme() == SigningScheme.X509_SIGNING_AUTHORITY) {
      return chainValidAt(info, info.signingTime(), "authentic signing time");
    }
    boolean required = !statement.trustStores(TrustStoreType.TSA).isEmpty();
    if (required
        && statement.signatureVerification().verifyTimestamp()
            == VerifyTimestamp.AFTER_CERT_EXPIRY) {
      required =
          info.chain().stream().anyMatch(c -> now.isAfter(c.getNotAfter().toInstant()));
    }
    if (!required) {
      return chainValidAt(info, now, "verification time");
    }
    if (info.timestampToken().isEmpty()) {
      return Optional.of("no timestamp countersignature was found in the signature envelope");
    }
    try {
      new TimeStampToken(new CMSSignedData(info.timestampToken().get().toByteArray()));
    } catch (Exception e) { // BC throws CMSException, TSPException, IOException or runtime errors
      return Optional.of("failed to parse timestamp countersignature");
    }
    return Optional.of(
        "verifying an RFC 3161 timestamp countersignature is not supported by Custody");
  }

  private static Optional<String> chainValidAt(SignerInfo info, Instant time, String label) {
    for (X509Certificate cert : info.chain()) {
      Instant from = cert.getNotBefore().toInstant();
      Instant to = cert.getNotAfter().toInstant();
      if (time.isBefore(from)) {
        return Optional.of(
            label + " " + time + " is before the validity of certificate "
                + Certificates.subject(cert) + ", which starts " + from);
      }
      if (time.isAfter(to)) {
        return Optional.of(
            label + " " + time + " is after the validity of certificate "
                + Certificates.subject(cert) + ", which ended " + to);
      }
    }
    return Optional.empty();
  }
}
