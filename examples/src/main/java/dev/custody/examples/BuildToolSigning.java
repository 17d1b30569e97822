package dev.custody.examples;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.PredicateTypes;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import java.time.Instant;

/**
 * Embedding Custody in a build tool: right after an image is pushed, sign it and attach SLSA
 * provenance describing the build, both by digest. Uses only the public API.
 *
 * <pre>{@code
 * BuildToolSigning publisher = new BuildToolSigning(Custody.builder().build());
 * BuildToolSigning.Published p = publisher.afterPush(pushed, signer, build);
 * }</pre>
 *
 * <p>The pushed tag is resolved exactly once; the signature and the attestation both name the
 * digest it resolved to, so a tag moved by someone else in between cannot make the build sign an
 * image it did not push (sign the digest the push returned, if the build tool has it). The
 * predicate is written as JSON text; Custody validates it against the SLSA provenance v1 schema
 * before signing.
 */
public final class BuildToolSigning {
  private final Custody custody;

  /**
   * Creates the publisher.
   *
   * @param custody the configured Custody instance
   */
  public BuildToolSigning(Custody custody) {
    this.custody = requireNonNull(custody, "custody");
  }

  /**
   * What the build knows about itself, for the provenance.
   *
   * @param builderId the URI of the build platform, e.g. {@code https://ci.example.com/builder/v1}
   * @param repository the source repository URI
   * @param ref the built git ref, e.g. {@code refs/heads/main}
   * @param commit the built commit
   * @param invocationId the build's unique id in the build platform
   * @param startedOn when the build started
   * @param finishedOn when it finished (the provenance's signed time, POLICY.md)
   */
  public record BuildInfo(
      String builderId,
      String repository,
      String ref,
      String commit,
      String invocationId,
      Instant startedOn,
      Instant finishedOn) {
    /** Checks that nothing is missing. */
    public BuildInfo {
      requireNonNull(builderId, "builderId");
      requireNonNull(repository, "repository");
      requireNonNull(ref, "ref");
      requireNonNull(commit, "commit");
      requireNonNull(invocationId, "invocationId");
      requireNonNull(startedOn, "startedOn");
      requireNonNull(finishedOn, "finishedOn");
    }
  }

  /**
   * What was published.
   *
   * @param image the image pinned to the digest that was signed and attested
   * @param signature what signing stored
   * @param provenance what attesting stored
   */
  public record Published(ImageReference image, SignResult signature, AttestResult provenance) {}

  /**
   * Signs the pushed image and attaches SLSA provenance, both by digest.
   *
   * @param pushed the reference the build pushed to (a tag is resolved once)
   * @param signer the build's signing key
   * @param build what the provenance records
   * @return the digest-pinned image and what was stored
   * @throws CustodyException if the image cannot be resolved, or signing or storing fails
   */
  public Published afterPush(ImageReference pushed, Signer signer, BuildInfo build)
      throws CustodyException {
    Digest digest = custody.resolve(pushed).digest();
    ImageReference pinned = pushed.withDigest(digest);
    SignResult signature = custody.sign(pinned, signer, SignOptions.defaults());
    AttestResult provenance =
        custody.attest(
            pinned,
            signer,
            PredicateTypes.SLSA_PROVENANCE_V1,
            Bytes.utf8(provenance(build, pushed)),
            AttestOptions.defaults());
    return new Published(pinned, signature, provenance);
  }

  /**
   * Writes a SLSA provenance v1 predicate (https://slsa.dev/spec/v1.0/provenance) for the build.
   *
   * @param build what the build knows about itself
   * @param image the image built
   * @return the predicate as JSON text
   */
  public static String provenance(BuildInfo build, ImageReference image) {
    return "{\"buildDefinition\":{"
        + "\"buildType\":\"https://custody.dev/examples/buildtypes/container/v1\","
        + "\"externalParameters\":{\"repository\":" + JsonText.quote(build.repository())
        + ",\"ref\":" + JsonText.quote(build.ref())
        + ",\"image\":" + JsonText.quote(image.context()) + "},"
        + "\"resolvedDependencies\":[{\"uri\":" + JsonText.quote("git+" + build.repository())
        + ",\"digest\":{\"gitCommit\":" + JsonText.quote(build.commit()) + "}}]},"
        + "\"runDetails\":{\"builder\":{\"id\":" + JsonText.quote(build.builderId()) + "},"
        + "\"metadata\":{\"invocationId\":" + JsonText.quote(build.invocationId())
        + ",\"startedOn\":" + JsonText.quote(build.startedOn().toString())
        + ",\"finishedOn\":" + JsonText.quote(build.finishedOn().toString()) + "}}}";
  }

  /**
   * Signs and attests an image from the command line:
   * {@code BuildToolSigning IMAGE KEY BUILDER_ID REPOSITORY REF COMMIT}. The key's password comes
   * from {@code CUSTODY_PASSWORD} or {@code COSIGN_PASSWORD}.
   *
   * @param args the arguments
   * @throws CustodyException if signing fails
   */
  public static void main(String[] args) throws CustodyException {
    if (args.length != 6) {
      throw new IllegalArgumentException(
          "usage: BuildToolSigning IMAGE KEY BUILDER_ID REPOSITORY REF COMMIT");
    }
    Custody custody = Custody.builder().build();
    Signer signer =
        custody.signer(KeyRef.parse(args[1]), PasswordSource.environment(System.getenv()));
    Instant now = Instant.now();
    BuildInfo build = new BuildInfo(args[2], args[3], args[4], args[5], "local-" + now, now, now);
    Published published = new BuildToolSigning(custody).afterPush(ImageReference.parse(args[0]), signer, build);
    System.out.println("signed and attested " + published.image());
  }
}
