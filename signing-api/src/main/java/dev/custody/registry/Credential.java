package dev.custody.registry;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * What Custody presents to one registry: nothing ({@link #anonymous()}), a username and password
 * ({@link #basic}), or an identity token, that is an OAuth2 refresh token such as the one
 * {@code docker login} or {@code az acr login} stores ({@link #identityToken}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password or token; the secret
 * is reachable only through {@link #secret()}, which callers must not log.
 *
 * <p>Azure Container Registry conventions are understood: a service principal's application id and
 * secret, or the admin user, work as {@link #basic} credentials; the username {@value
 * #ACR_REFRESH_TOKEN_USERNAME} with a password marks that password as an ACR refresh token, which
 * Custody then uses in the OAuth2 refresh flow instead of basic authentication.
 */
public final class Credential {
  /**
   * The username Azure Container Registry uses to say "the password is a refresh token" (FORMATS
   * §2.13).
   */
  public static final String ACR_REFRESH_TOKEN_USERNAME = "00000000-0000-0000-0000-000000000000";

  private static final Credential ANONYMOUS = new Credential(Kind.ANONYMOUS, "", "");

  /** The form of a credential, which decides how it is presented to the registry. */
  public enum Kind {
    /** No credential: anonymous access (an anonymous token where the registry uses tokens). */
    ANONYMOUS,
    /** A username and password, sent as HTTP basic authentication to the registry or its token service. */
    BASIC,
    /** An OAuth2 refresh token, exchanged at the token service with {@code grant_type=refresh_token}. */
    IDENTITY_TOKEN
  }

  private final Kind kind;
  private final String username;
  private final String secret;

  private Credential(Kind kind, String username, String secret) {
    this.kind = kind;
    this.username = username;
    this.secret = secret;
  }

  /** {@return the anonymous credential} */
  public static Credential anonymous() {
    return ANONYMOUS;
  }

  /**
   * Creates a username/password credential.
   *
   * @param username the username; not empty and without {@code :} (which basic authentication
   *     cannot carry)
   * @param password the password, possibly empty
   * @return the credential
   * @throws IllegalArgumentException if {@code username} is empty or contains {@code :}, or either
   *     value contains a line break
   */
  public static Credential basic(String username, String password) {
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "basic credential: username must be non-empty and free of ':' (got "
              + (username.isEmpty() ? "an empty one" : "one with ':'")
              + ")");
    }
    checkNoLineBreak(username, "username");
    checkNoLineBreak(password, "password");
    return new Credential(Kind.BASIC, username, password);
  }

  /**
   * Creates an identity-token (OAuth2 refresh token) credential.
   *
   * @param token the refresh token; not empty
   * @return the credential
   * @throws IllegalArgumentException if {@code token} is empty or contains a line break
   */
  public static Credential identityToken(String token) {
    requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("identity token credential: the token is empty");
    }
    checkNoLineBreak(token, "identity token");
    return new Credential(Kind.IDENTITY_TOKEN, "", token);
  }

  private static void checkNoLineBreak(String value, String what) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("credential: the " + what + " contains a line break");
    }
  }

  /** {@return how this credential is presented} */
  public Kind kind() {
    return kind;
  }

  /** {@return the username of a {@link Kind#BASIC} credential; empty for the other kinds} */
  public String username() {
    return username;
  }

  /**
   * Returns the secret: the password of a {@link Kind#BASIC} credential, the token of an {@link
   * Kind#IDENTITY_TOKEN} one, empty for {@link Kind#ANONYMOUS}. Never log or print it.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /** {@return whether this is a {@link Kind#BASIC} credential for the ACR refresh-token user} */
  public boolean isAcrRefreshToken() {
    return kind == Kind.BASIC && ACR_REFRESH_TOKEN_USERNAME.equals(username) && !secret.isEmpty();
  }

  /** Equal when kind, username and secret are equal (the secret compared in constant time). */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Credential)) {
      return false;
    }
    Credential that = (Credential) other;
    return kind == that.kind
        && username.equals(that.username)
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), that.secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Hashes kind and username only, so the hash reveals nothing about the secret. */
  @Override
  public int hashCode() {
    return Objects.hash(kind, username);
  }

  /** {@return a description with the secret redacted, e.g. {@code Credential[basic alice:██]}} */
  @Override
  public String toString() {
    switch (kind) {
      case BASIC:
        return "Credential[basic " + username + ":██]";
      case IDENTITY_TOKEN:
        return "Credential[identity token ██]";
      default:
        return "Credential[anonymous]";
    }
  }
}
