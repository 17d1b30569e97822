package dev.custody.attest;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Predicate type URIs and the short names for them that {@code custody attest --type} accepts:
 * cosign's ({@code slsaprovenance1}, {@code vuln}, {@code spdxjson}, {@code cyclonedx}, {@code
 * openvex}, {@code custom}, …) and Custody's own ({@code approval}, {@code promotion}).
 *
 * <pre>{@code
 * PredicateTypes.resolve("vuln");   // "https://cosign.sigstore.dev/attestation/vuln/v1"
 * PredicateTypes.resolve("https://example.com/my/v1");   // returned as given
 * }</pre>
 */
public final class PredicateTypes {
  /** SLSA Provenance v1. */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

  /** SLSA Provenance v0.2 (what cosign's {@code slsaprovenance} still means). */
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";

  /** cosign's vulnerability scan predicate. */
  public static final String COSIGN_VULN_V1 = "https://cosign.sigstore.dev/attestation/vuln/v1";

  /** cosign's default custom predicate. */
  public static final String COSIGN_CUSTOM_V1 = "https://cosign.sigstore.dev/attestation/v1";

  /** SPDX documents. */
  public static final String SPDX = "https://spdx.dev/Document";

  /** CycloneDX documents. */
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";

  /** in-toto links. */
  public static final String IN_TOTO_LINK_V1 = "https://in-toto.io/Link/v1";

  /** OpenVEX documents. */
  public static final String OPENVEX = "https://openvex.dev/ns";

  /** Custody's approval predicate: who approved which digest for what. */
  public static final String APPROVAL_V1 = "https://custody.dev/attestation/approval/v1";

  /** Custody's promotion predicate: which source was promoted to which destination. */
  public static final String PROMOTION_V1 = "https://custody.dev/attestation/promotion/v1";

  private static final Map<String, String> SHORT_NAMES = shortNameTable();

  private PredicateTypes() {}

  private static Map<String, String> shortNameTable() {
    // cosign's --type names (FORMATS.md §6.3), then Custody's own (POLICY.md).
    Map<String, String> m = new LinkedHashMap<>();
    m.put("slsaprovenance1", SLSA_PROVENANCE_V1);
    m.put("slsaprovenance", SLSA_PROVENANCE_V02);
    m.put("slsaprovenance02", SLSA_PROVENANCE_V02);
    m.put("vuln", COSIGN_VULN_V1);
    m.put("spdx", SPDX);
    m.put("spdxjson", SPDX);
    m.put("cyclonedx", CYCLONEDX);
    m.put("link", IN_TOTO_LINK_V1);
    m.put("openvex", OPENVEX);
    m.put("custom", COSIGN_CUSTOM_V1);
    m.put("approval", APPROVAL_V1);
    m.put("promotion", PROMOTION_V1);
    return Collections.unmodifiableMap(m);
  }

  /** {@return the short names and the URIs they stand for, in a stable order} */
  public static Map<String, String> shortNames() {
    return SHORT_NAMES;
  }

  /**
   * Resolves a short name or a predicate type URI.
   *
   * @param nameOrUri a short name such as {@code vuln}, or an absolute URI with a scheme and no
   *     whitespace, which is returned unchanged
   * @return the predicate type URI
   * @throws IllegalArgumentException if {@code nameOrUri} is neither a known short name nor an
   *     absolute URI; the message lists the short names
   */
  public static String resolve(String nameOrUri) {
    requireNonNull(nameOrUri, "nameOrUri");
    String known = SHORT_NAMES.get(nameOrUri);
    if (known != null) {
      return known;
    }
    if (isAbsoluteUri(nameOrUri)) {
      return nameOrUri;
    }
    throw new IllegalArgumentException(
        "predicate type \""
            + (nameOrUri.length() > 80 ? nameOrUri.substring(0, 80) + "…" : nameOrUri)
            + "\": not a known short name or an absolute URI (expected one of "
            + String.join(", ", SHORT_NAMES.keySet())
            + ", or a URI such as https://example.com/predicate/v1)");
  }

  private static boolean isAbsoluteUri(String text) {
    if (text.isEmpty() || text.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
      return false;
    }
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() && uri.getScheme().length() > 1;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
