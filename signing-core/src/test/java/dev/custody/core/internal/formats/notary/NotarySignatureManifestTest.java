package dev.custody.core.internal.formats.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotarySignatureManifestTest {
  static final Descriptor EMPTY = Descriptor.ofContent(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
  static final Descriptor JWS_LAYER =
      Descriptor.ofContent(MediaType.of("application/jose+json"), Bytes.utf8("x"));

  static ImageManifest manifest(
      Descriptor config, MediaType artifactType, Map<String, String> annotations) {
    ImageManifest.Builder b =
        ImageManifest.builder(MediaType.OCI_MANIFEST, config)
            .layers(List.of(JWS_LAYER))
            .annotations(annotations);
    if (artifactType != null) {
      b.artifactType(artifactType);
    }
    return b.build(Bytes.utf8("{}"));
  }

  @Test
  void isNotarySignature_legacyFormWithoutArtifactType_isAccepted() {
    Descriptor legacyConfig =
        Descriptor.ofContent(NotarySignatureManifest.ARTIFACT_TYPE, Bytes.utf8("{}"));

    assertTrue(NotarySignatureManifest.isNotarySignature(manifest(legacyConfig, null, Map.of())));
  }

  @Test
  void isNotarySignature_mixtureOfForms_isNot() {
    Descriptor otherConfig = Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}"));

    assertFalse(
        NotarySignatureManifest.isNotarySignature(
            manifest(otherConfig, NotarySignatureManifest.ARTIFACT_TYPE, Map.of())));
    assertFalse(
        NotarySignatureManifest.isNotarySignature(manifest(EMPTY, MediaType.OCI_CONFIG, Map.of())));
  }

  @Test
  void thumbprints_upperCase_areLowerCased() throws Exception {
    ImageManifest m =
        manifest(
            EMPTY,
            NotarySignatureManifest.ARTIFACT_TYPE,
            Map.of(NotarySignatureManifest.THUMBPRINTS_ANNOTATION, "[\"ABCDEF\"]"));

    assertEquals(List.of("abcdef"), NotarySignatureManifest.thumbprints(m));
  }

  @Test
  void thumbprints_missingOrMalformed_areRefused() {
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () ->
                NotarySignatureManifest.thumbprints(
                    manifest(EMPTY, NotarySignatureManifest.ARTIFACT_TYPE, Map.of())));
    assertTrue(missing.getMessage().contains("thumbprint#S256: missing"), missing.getMessage());

    InvalidInputException wrong =
        assertThrows(
            InvalidInputException.class,
            () ->
                NotarySignatureManifest.thumbprints(
                    manifest(
                        EMPTY,
                        NotarySignatureManifest.ARTIFACT_TYPE,
                        Map.of(NotarySignatureManifest.THUMBPRINTS_ANNOTATION, "[1]"))));
    assertTrue(
        wrong.getMessage().contains("field [0]: expected a string (got number)"),
        wrong.getMessage());
  }

  @Test
  void envelopeLayer_twoLayers_isRefused() {
    ImageManifest m =
        ImageManifest.builder(MediaType.OCI_MANIFEST, EMPTY)
            .layers(List.of(JWS_LAYER, JWS_LAYER))
            .build(Bytes.utf8("{}"));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> NotarySignatureManifest.envelopeLayer(m));
    assertTrue(e.getMessage().contains("expected exactly one envelope (got 2)"), e.getMessage());
  }

  @Test
  void thumbprintsJson_ofGoldenChain_matchesManifestAnnotation() throws Exception {
    String json =
        NotarySignatureManifest.thumbprintsJson(
            List.of(
                Bytes.of(Vectors.der("notary-leaf.b64")),
                Bytes.of(Vectors.der("notary-root.b64"))));

    assertTrue(
        Vectors.text("notary-signature-manifest.json").contains(json.replace("\"", "\\\"")), json);
  }
}
