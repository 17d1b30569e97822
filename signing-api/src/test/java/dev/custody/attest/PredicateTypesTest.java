package dev.custody.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.sign.ReferrersMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateTypesTest {
  @Test
  void resolve_cliShortNames_giveFormatsUris() {
    assertEquals("https://slsa.dev/provenance/v1", PredicateTypes.resolve("slsaprovenance1"));
    assertEquals("https://slsa.dev/provenance/v0.2", PredicateTypes.resolve("slsaprovenance"));
    assertEquals("https://cosign.sigstore.dev/attestation/vuln/v1", PredicateTypes.resolve("vuln"));
    assertEquals("https://spdx.dev/Document", PredicateTypes.resolve("spdxjson"));
    assertEquals("https://cyclonedx.org/bom", PredicateTypes.resolve("cyclonedx"));
    assertEquals("https://openvex.dev/ns", PredicateTypes.resolve("openvex"));
    assertEquals("https://cosign.sigstore.dev/attestation/v1", PredicateTypes.resolve("custom"));
    assertEquals("https://custody.dev/attestation/approval/v1", PredicateTypes.resolve("approval"));
    assertEquals(
        "https://custody.dev/attestation/promotion/v1", PredicateTypes.resolve("promotion"));
  }

  @Test
  void resolve_absoluteUri_returnedUnchanged() {
    assertEquals(
        "https://example.com/predicate/v1",
        PredicateTypes.resolve("https://example.com/predicate/v1"));
    assertEquals("urn:example:predicate", PredicateTypes.resolve("urn:example:predicate"));
  }

  @Test
  void resolve_unknownName_listsTheShortNames() {
    for (String bad : List.of("vulns", "", "https://exa mple.com/x", "c:relative", "/path/only")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PredicateTypes.resolve(bad));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "predicate type \""
                      + bad
                      + "\": not a known short name or an absolute URI"
                      + " (expected one of slsaprovenance1, slsaprovenance,"),
          e.getMessage());
    }
  }

  @Test
  void shortNames_areImmutable() {
    assertThrows(
        UnsupportedOperationException.class, () -> PredicateTypes.shortNames().put("x", "y"));
  }

  @Test
  void attestOptions_defaults_legacyNotRecursive() {
    assertEquals(ReferrersMode.LEGACY, AttestOptions.defaults().referrersMode());
    assertEquals(false, AttestOptions.defaults().recursive());
    AttestOptions o =
        AttestOptions.builder().referrersMode(ReferrersMode.OCI_1_1).recursive(true).build();
    assertEquals("AttestOptions[OCI_1_1, recursive]", o.toString());
  }
}
