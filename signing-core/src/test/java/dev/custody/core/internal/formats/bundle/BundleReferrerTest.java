package dev.custody.core.internal.formats.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleReferrerTest {
  static final Descriptor M1 =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Vectors.load("m1-manifest.json"));

  @Test
  void manifest_exampleBundle_matchesFormatsReferrerByteForByte() {
    ImageManifest manifest =
        BundleReferrer.manifest(
            Vectors.load("bundle-dsse.json"),
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.of("https://custody.example/attestation/test/v1"),
            Instant.parse("2025-01-02T03:10:00.750Z"),
            M1.toBuilder().artifactType(MediaType.OCI_CONFIG).build());

    assertEquals(Vectors.load("bundle-referrer-manifest.json"), manifest.raw());
    assertEquals(
        "sha256:afb8c4e23af3e54536aaedd4aa3ba142a8a691f99cb67dd877ecfcb5cd247f8b",
        manifest.digest().toString());
    assertEquals(Optional.of(BundleReferrer.BUNDLE_MEDIA_TYPE), manifest.artifactType());
    assertEquals(M1.digest(), manifest.subject().orElseThrow().digest());
  }

  @Test
  void emptyConfig_isTheOciEmptyBlob() {
    assertEquals(
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Digest.of(BundleReferrer.EMPTY_CONFIG).toString());
  }

  @Test
  void bundleLayer_ofReferrer_isFoundAndOthersIgnored() {
    ImageManifest manifest =
        BundleReferrer.manifest(
            Vectors.load("bundle-dsse.json"),
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.of(PredicateTypes.COSIGN_SIGN_V1),
            Instant.EPOCH,
            M1);
    ImageManifest notBundle =
        ImageManifest.builder(MediaType.OCI_MANIFEST, M1)
            .layers(List.of(M1, M1))
            .build(Bytes.utf8("{}"));

    assertEquals(
        Digest.of(Vectors.load("bundle-dsse.json")),
        BundleReferrer.bundleLayer(manifest).orElseThrow().digest());
    assertEquals(Optional.empty(), BundleReferrer.bundleLayer(notBundle));
  }

  @Test
  void cosignSignStatement_hasNamelessSubjectAndSignPredicate() {
    Digest digest = M1.digest();

    Bytes statement = StatementCodec.write(CosignSignStatement.of(digest, Map.of()));

    assertEquals(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
            + digest.hex()
            + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\","
            + "\"predicate\":{}}",
        statement.asUtf8());
  }

  @Test
  void cosignSignReferrer_annotatesSignPredicateType() {
    ImageManifest manifest =
        BundleReferrer.manifest(
            Bytes.utf8("{}"),
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.of(PredicateTypes.COSIGN_SIGN_V1),
            Instant.parse("2025-01-02T03:10:00Z"),
            M1);

    assertTrue(
        manifest
            .raw()
            .asUtf8()
            .contains(
                "\"dev.sigstore.bundle.predicateType\":\"https://sigstore.dev/cosign/sign/v1\""));
    assertEquals(
        "https://sigstore.dev/cosign/sign/v1",
        manifest.annotations().get(BundleReferrer.PREDICATE_TYPE_ANNOTATION));
  }
}
