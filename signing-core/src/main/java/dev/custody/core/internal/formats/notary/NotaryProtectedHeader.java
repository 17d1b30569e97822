package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The validated protected header of a Notary JWS envelope: its exact bytes and the members a
 * verifier needs. Immutable. The declared algorithm is informational; verification uses the
 * algorithm of the caller's key (see {@link NotaryJws#bindKey}).
 */
public final class NotaryProtectedHeader {
  private final Bytes raw;
  private final JwsAlgorithm declaredAlgorithm;
  private final List<String> critical;
  private final String signingScheme;
  private final Optional<Instant> signingTime;
  private final Optional<Instant> authenticSigningTime;
  private final Optional<Instant> expiry;
  private final JsonNode tree;

  NotaryProtectedHeader(
      Bytes raw,
      JwsAlgorithm declaredAlgorithm,
      List<String> critical,
      String signingScheme,
      Optional<Instant> signingTime,
      Optional<Instant> authenticSigningTime,
      Optional<Instant> expiry,
      JsonNode tree) {
    this.raw = requireNonNull(raw);
    this.declaredAlgorithm = requireNonNull(declaredAlgorithm);
    this.critical = List.copyOf(critical);
    this.signingScheme = requireNonNull(signingScheme);
    this.signingTime = requireNonNull(signingTime);
    this.authenticSigningTime = requireNonNull(authenticSigningTime);
    this.expiry = requireNonNull(expiry);
    this.tree = tree.deepCopy();
  }

  /** {@return the decoded protected header bytes, exactly as signed} */
  public Bytes raw() {
    return raw;
  }

  /** {@return the {@code alg} the envelope declares} */
  public JwsAlgorithm declaredAlgorithm() {
    return declaredAlgorithm;
  }

  /** {@return the {@code crit} entries, in order} */
  public List<String> critical() {
    return critical;
  }

  /** {@return {@code io.cncf.notary.signingScheme}} */
  public String signingScheme() {
    return signingScheme;
  }

  /** {@return {@code io.cncf.notary.signingTime} ({@code notary.x509} only)} */
  public Optional<Instant> signingTime() {
    return signingTime;
  }

  /** {@return {@code io.cncf.notary.authenticSigningTime} (signing authority scheme only)} */
  public Optional<Instant> authenticSigningTime() {
    return authenticSigningTime;
  }

  /** {@return {@code io.cncf.notary.expiry}, if set} */
  public Optional<Instant> expiry() {
    return expiry;
  }

  /** {@return a copy of the whole header as a tree (extended attributes included)} */
  public JsonNode tree() {
    return tree.deepCopy();
  }
}
