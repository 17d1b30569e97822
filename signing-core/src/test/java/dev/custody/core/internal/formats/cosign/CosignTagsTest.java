package dev.custody.core.internal.formats.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.oci.Digest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CosignTagsTest {
  static final Digest M1 =
      Digest.parse("sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec");

  @Test
  void tags_ofM1_matchFormatsTable() {
    String hex = "a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec";
    assertEquals("sha256-" + hex + ".sig", CosignTags.signatureTag(M1));
    assertEquals("sha256-" + hex + ".att", CosignTags.attestationTag(M1));
    assertEquals("sha256-" + hex + ".sbom", CosignTags.tag(M1, CosignTags.Kind.SBOM));
  }

  @Test
  void subjectOf_roundTripsAndRejectsOtherTags() {
    assertEquals(
        Optional.of(M1),
        CosignTags.subjectOf(CosignTags.signatureTag(M1), CosignTags.Kind.SIGNATURE));
    assertEquals(
        Optional.empty(),
        CosignTags.subjectOf(CosignTags.signatureTag(M1), CosignTags.Kind.ATTESTATION));
    assertEquals(Optional.empty(), CosignTags.subjectOf("latest", CosignTags.Kind.SIGNATURE));
    assertEquals(
        Optional.empty(), CosignTags.subjectOf("sha256-abc.sig", CosignTags.Kind.SIGNATURE));
  }
}
