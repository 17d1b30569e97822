package dev.custody.core.internal.notary.verify;

import dev.custody.core.internal.crypto.CertificateSignatures;
import dev.custody.core.internal.notary.trust.Certificates;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Notary Project's structural rules for a code-signing chain, checked as part of integrity
 * (notation-core-go {@code x509/codesigning_cert_validations.go} {@code
 * ValidateCodeSigningCertChain}, called with the signing time; FORMATS.md §5.5):
 *
 * <ul>
 *   <li>leaf first; each certificate is issued and signed by the next; the last is self-signed (a
 *       single self-signed certificate is allowed and must meet the leaf rules);
 *   <li>leaf: keyUsage present, critical, with digitalSignature and none of keyEncipherment,
 *       dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly;
 *       basicConstraints, if present, cA=false; extendedKeyUsage optional, and if present it
 *       must not contain anyExtendedKeyUsage, serverAuth, clientAuth, emailProtection or
 *       timeStamping (codeSigning is allowed, not required: notation accepts leaves without EKU,
 *       such as the fixtures' {@code expired_e2e.crt});
 *   <li>CA certificates: basicConstraints present, critical, cA=true, pathLenConstraint obeyed;
 *       keyUsage present, critical, with keyCertSign;
 *   <li>keys: RSA at least 2048 bits, EC at least 256 bits; no SHA-1 signatures;
 *   <li>every certificate valid at the signing time.
 * </ul>
 *
 * Other extensions are not evaluated ("fail open", as the spec says).
 */
public final class CodeSigningChainRules {
  private static final String EKU_ANY = "2.5.29.37.0";
  private static final List<String> FORBIDDEN_LEAF_EKU =
      List.of(
          EKU_ANY,
          "1.3.6.1.5.5.7.3.1", // serverAuth
          "1.3.6.1.5.5.7.3.2", // clientAuth
          "1.3.6.1.5.5.7.3.4", // emailProtection
          "1.3.6.1.5.5.7.3.8"); // timeStamping
  private static final String KEY_USAGE_OID = "2.5.29.15";
  private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
  // java.security.cert.X509Certificate#getKeyUsage bit positions (RFC 5280 §4.2.1.3)
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int[] FORBIDDEN_LEAF_KU = {2, 3, 4, 5, 6, 7, 8};
  private static final String[] KU_NAMES = {
    "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
    "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"
  };

  private CodeSigningChainRules() {}

  /**
   * Checks the chain.
   *
   * @param chain leaf first
   * @param signingTime the time every certificate must have been valid at
   * @return the first broken rule, or empty if the chain is well formed
   */
  public static Optional<String> violation(List<X509Certificate> chain, Instant signingTime) {
    if (chain.isEmpty()) {
      return Optional.of("certificate chain is empty");
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      Optional<String> problem =
          keyAndAlgorithm(cert).or(() -> validAt(cert, signingTime));
      if (problem.isPresent()) {
        return problem;
      }
      if (i + 1 < chain.size()) {
        X509Certificate issuer = chain.get(i + 1);
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
            || !CertificateSignatures.signedBy(cert, issuer.getPublicKey())) {
          return Optional.of(
              "certificate " + Certificates.subject(cert) + " is not issued and signed by the next"
                  + " certificate in the chain, " + Certificates.subject(issuer));
        }
      }
    }
    X509Certificate last = chain.get(chain.size() - 1);
    if (!Certificates.isSelfSigned(last)) {
      return Optional.of(
          "certificate chain must end with a root (self-signed) certificate; "
              + Certificates.subject(last) + " is not self-signed");
    }
    Optional<String> leaf = leafRules(chain.get(0));
    if (leaf.isPresent()) {
      return leaf;
    }
    for (int i = 1; i < chain.size(); i++) {
      Optional<String> ca = caRules(chain.get(i), i - 1);
      if (ca.isPresent()) {
        return ca;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> leafRules(X509Certificate leaf) {
    Optional<String> ku = keyUsagePresentAndCritical(leaf);
    if (ku.isPresent()) {
      return ku;
    }
    boolean[] usage = leaf.getKeyUsage();
    if (!bit(usage, DIGITAL_SIGNATURE)) {
      return Optional.of(
          "leaf certificate " + Certificates.subject(leaf) + ": key usage must include"
              + " digitalSignature");
    }
    for (int b : FORBIDDEN_LEAF_KU) {
      if (bit(usage, b)) {
        return Optional.of(
            "leaf certificate " + Certificates.subject(leaf) + ": key usage must not include "
                + KU_NAMES[b]);
      }
    }
    if (leaf.getBasicConstraints() >= 0) {
      return Optional.of(
          "leaf certificate " + Certificates.subject(leaf) + ": basicConstraints must not be a CA");
    }
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      if (eku != null) {
        for (String oid : eku) {
          if (FORBIDDEN_LEAF_EKU.contains(oid)) {
            return Optional.of(
                "leaf certificate " + Certificates.subject(leaf) + ": extended key usage "
                    + oid + " is not allowed for code signing");
          }
        }
      }
    } catch (CertificateParsingException e) {
      return Optional.of(
          "leaf certificate " + Certificates.subject(leaf) + ": malformed extended key usage");
    }
    return Optional.empty();
  }

  private static Optional<String> caRules(X509Certificate ca, int certsBelow) {
    if (!leafOrCaCritical(ca, BASIC_CONSTRAINTS_OID) || ca.getBasicConstraints() < 0) {
      return Optional.of(
          "CA certificate " + Certificates.subject(ca) + ": basicConstraints must be present,"
              + " critical and cA=true");
    }
    int pathLen = ca.getBasicConstraints();
    // certsBelow counts the intermediates between this CA and the leaf (RFC 5280 §4.2.1.9).
    if (pathLen != Integer.MAX_VALUE && certsBelow > pathLen) {
      return Optional.of(
          "CA certificate " + Certificates.subject(ca) + ": path length constraint " + pathLen
              + " exceeded (" + certsBelow + " intermediate certificates below it)");
    }
    Optional<String> ku = keyUsagePresentAndCritical(ca);
    if (ku.isPresent()) {
      return ku;
    }
    if (!bit(ca.getKeyUsage(), KEY_CERT_SIGN)) {
      return Optional.of(
          "CA certificate " + Certificates.subject(ca) + ": key usage must include keyCertSign");
    }
    return Optional.empty();
  }

  private static Optional<String> keyUsagePresentAndCritical(X509Certificate cert) {
    if (cert.getKeyUsage() == null) {
      return Optional.of(
          "certificate " + Certificates.subject(cert) + ": key usage extension must be present");
    }
    if (!leafOrCaCritical(cert, KEY_USAGE_OID)) {
      return Optional.of(
          "certificate " + Certificates.subject(cert)
              + ": key usage extension must be marked critical");
    }
    return Optional.empty();
  }

  private static boolean leafOrCaCritical(X509Certificate cert, String oid) {
    return cert.getCriticalExtensionOIDs() != null && cert.getCriticalExtensionOIDs().contains(oid);
  }

  private static Optional<String> keyAndAlgorithm(X509Certificate cert) {
    PublicKey key = cert.getPublicKey();
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      if (bits < 2048) {
        return Optional.of(
            "certificate " + Certificates.subject(cert) + ": RSA key of " + bits
                + " bits is too small (expected at least 2048)");
      }
    } else if (key instanceof ECPublicKey) {
      int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits < 256) {
        return Optional.of(
            "certificate " + Certificates.subject(cert) + ": EC key of " + bits
                + " bits is too small (expected at least 256)");
      }
    } else {
      return Optional.of(
          "certificate " + Certificates.subject(cert) + ": unsupported key type "
              + key.getAlgorithm());
    }
    String sigAlg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
    if (sigAlg.contains("SHA1") || sigAlg.contains("MD5") || sigAlg.contains("MD2")) {
      return Optional.of(
          "certificate " + Certificates.subject(cert) + ": signature algorithm "
              + cert.getSigAlgName() + " is not allowed");
    }
    return Optional.empty();
  }

  private static Optional<String> validAt(X509Certificate cert, Instant time) {
    Instant from = cert.getNotBefore().toInstant();
    Instant to = cert.getNotAfter().toInstant();
    if (time.isBefore(from) || time.isAfter(to)) {
      return Optional.of(
          "certificate " + Certificates.subject(cert) + " was invalid at signing time " + time
              + " (valid from " + from + " to " + to + ")");
    }
    return Optional.empty();
  }

  private static boolean bit(boolean[] bits, int index) {
    return bits != null && bits.length > index && bits[index];
  }
}
