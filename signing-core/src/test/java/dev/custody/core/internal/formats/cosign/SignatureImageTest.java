package dev.custody.core.internal.formats.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureImageTest {
  static final Digest M1 =
      Digest.parse("sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec");
  static final Bytes SIG =
      Bytes.of(
          Base64.getDecoder()
              .decode(
                  "MEQCIH/gFFj1Y3QS3cJk6aAoLZIkGsmoyFqUqYAJZhvB8V7+AiBy0sJ5+UHZEVxy3UdOk8uPn2VIBpAh8gUZPRt0wjfuNQ=="));

  static SignatureLayer goldenSignatureLayer() {
    return SignatureLayer.signature(Vectors.load("simple-signing-payload.json"), SIG).build();
  }

  @Test
  void of_goldenSignature_matchesConfigAndManifestVectors() throws Exception {
    SignatureImage image = SignatureImage.of(List.of(goldenSignatureLayer().descriptor()));

    assertEquals(Vectors.load("sig-config.json"), image.config());
    assertEquals(Vectors.load("sig-manifest.json"), image.manifest().raw());
    assertEquals(
        "sha256:47ce653e8db00d29c91270ea63dd371685a23b0e8c70276bd30805514d8fe7de",
        image.manifest().digest().toString());
  }

  @Test
  void of_goldenAttestation_matchesAttManifestVector() throws Exception {
    SignatureLayer layer =
        SignatureLayer.attestation(
                Vectors.load("dsse-envelope.json"), "https://custody.example/attestation/test/v1")
            .build();

    SignatureImage image = SignatureImage.of(List.of(layer.descriptor()));

    assertEquals(233, image.config().size());
    assertEquals(
        "sha256:bfa8b7fa456ae8ccce7bacf8a3683082dde4bdb8defa7fafb1ec2057a53a84cc",
        Digest.of(image.config()).toString());
    assertEquals(Vectors.load("att-manifest.json"), image.manifest().raw());
  }

  @Test
  void append_keepsExistingLayersAndAddsNewOneLast() throws Exception {
    Descriptor first = goldenSignatureLayer().descriptor();
    Descriptor second =
        SignatureLayer.signature(Bytes.utf8("other payload"), Bytes.utf8("sig2"))
            .build()
            .descriptor();

    SignatureImage image = SignatureImage.append(List.of(first), second);

    assertEquals(List.of(first, second), image.manifest().layers());
    String config = image.config().asUtf8();
    assertTrue(
        config.contains(
            "\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"},{\"created\":\"0001-01-01T00:00:00Z\"}]"),
        config);
    assertTrue(
        config.contains("\"diff_ids\":[\"" + first.digest() + "\",\"" + second.digest() + "\"]"));
  }

  @Test
  void append_identicalLayer_isNotDuplicated() throws Exception {
    Descriptor layer = goldenSignatureLayer().descriptor();

    SignatureImage image = SignatureImage.append(List.of(layer), layer);

    assertEquals(Vectors.load("sig-manifest.json"), image.manifest().raw());
  }

  @Test
  void of_tooManyLayers_isRefusedWithLimitExceeded() {
    List<Descriptor> layers = new ArrayList<>();
    for (int i = 0; i <= SignatureImage.MAX_LAYERS; i++) {
      layers.add(SignatureLayer.signature(Bytes.utf8("p" + i), SIG).build().descriptor());
    }

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SignatureImage.of(layers));
    assertEquals(CustodyException.Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("expected at most 1000, got 1001"), e.getMessage());
  }

  @Test
  void read_goldenLayer_decodesSignatureAndIgnoresOtherMediaTypes() throws Exception {
    SignatureImage image =
        SignatureImage.of(
            List.of(
                goldenSignatureLayer().descriptor(),
                Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.utf8("x"))));
    ImageManifest manifest = image.manifest();

    List<Descriptor> sigs = SignatureImage.layersOfType(manifest, SimpleSigningPayload.MEDIA_TYPE);
    SignatureLayer read = SignatureLayer.read(sigs.get(0));

    assertEquals(1, sigs.size());
    assertEquals(SIG, read.signature());
    assertTrue(read.isSignature());
    assertFalse(read.isAttestation());
    assertEquals(Optional.empty(), read.certificatePem());
  }

  @Test
  void read_certificateAndBundleAnnotations_areExposed() throws Exception {
    SignatureLayer layer =
        SignatureLayer.signature(Bytes.utf8("p"), SIG)
            .certificate("-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n", "")
            .rekorBundle("{\"SignedEntryTimestamp\":\"x\"}")
            .rfc3161Timestamp("{\"SignedRFC3161Timestamp\":\"y\"}")
            .build();

    SignatureLayer read = SignatureLayer.read(layer.descriptor());

    assertTrue(read.certificatePem().orElseThrow().startsWith("-----BEGIN CERTIFICATE-----"));
    assertEquals(Optional.of(""), read.chainPem());
    assertEquals(Optional.of("{\"SignedEntryTimestamp\":\"x\"}"), read.rekorBundle());
    assertEquals(Optional.of("{\"SignedRFC3161Timestamp\":\"y\"}"), read.rfc3161Timestamp());
  }

  @Test
  void read_attestationLayer_hasEmptySignatureAndPredicateType() throws Exception {
    SignatureLayer layer =
        SignatureLayer.attestation(Vectors.load("dsse-envelope.json"), "https://x/v1").build();

    SignatureLayer read = SignatureLayer.read(layer.descriptor());

    assertTrue(read.signature().isEmpty());
    assertTrue(read.isAttestation());
    assertEquals(Optional.of("https://x/v1"), read.predicateType());
  }

  @Test
  void read_missingSignatureAnnotation_isRefusedNamingIt() {
    Descriptor bare = Descriptor.ofContent(SimpleSigningPayload.MEDIA_TYPE, Bytes.utf8("p"));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SignatureLayer.read(bare));
    assertTrue(
        e.getMessage().contains("annotation dev.cosignproject.cosign/signature: missing"),
        e.getMessage());
  }

  @Test
  void read_signatureNotBase64_isRefused() {
    Descriptor bad =
        Descriptor.ofContent(SimpleSigningPayload.MEDIA_TYPE, Bytes.utf8("p")).toBuilder()
            .annotation(SignatureLayer.SIGNATURE, "not base64!")
            .build();

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SignatureLayer.read(bad));
    assertTrue(e.getMessage().contains("not valid base64"), e.getMessage());
  }

  @Test
  void read_attestationWithoutPredicateType_isRefused() {
    Descriptor bad =
        Descriptor.ofContent(SignatureLayer.DSSE_MEDIA_TYPE, Bytes.utf8("p")).toBuilder()
            .annotation(SignatureLayer.SIGNATURE, "")
            .build();

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SignatureLayer.read(bad));
    assertTrue(e.getMessage().contains("annotation predicateType: missing"), e.getMessage());
  }
}
