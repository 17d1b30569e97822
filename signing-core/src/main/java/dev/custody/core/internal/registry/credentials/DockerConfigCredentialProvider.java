package dev.custody.core.internal.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from docker's {@code config.json} (FORMATS §2.11, §2.12), resolved as the Docker CLI
 * and oras-go do: {@code credHelpers[host]}, then {@code credsStore}, then {@code auths[host]}
 * ({@code auth} = base64 of {@code user:password}, padding optional, split on the first colon;
 * {@code identitytoken} = an OAuth2 refresh token; legacy {@code username}/{@code password}). Keys
 * are compared after normalisation ({@link DockerHostKeys}); an exact key wins over a normalised
 * match. An empty entry ({@code {}}) is only the marker {@code docker login} leaves beside a helper.
 *
 * <p>The file is read (at most {@value #MAX_FILE} bytes) on each lookup; Custody's resolver asks once
 * per host. A missing file means no credentials; a malformed one is an error naming the file and
 * entry, never its secrets. Thread-safe.
 */
public final class DockerConfigCredentialProvider implements CredentialProvider {
  static final long MAX_FILE = 1024 * 1024;

  private final Path file;
  private final CredentialHelpers helpers;

  /**
   * Creates a provider.
   *
   * @param file the {@code config.json} to read
   * @param helpers runs credential helpers
   */
  public DockerConfigCredentialProvider(Path file, CredentialHelpers helpers) {
    this.file = file;
    this.helpers = helpers;
  }

  /**
   * Locates {@code config.json} as docker does: {@code $DOCKER_CONFIG/config.json}, else {@code
   * <home>/.docker/config.json}.
   *
   * @param environment the environment
   * @param home the user's home directory
   * @return the path (which may not exist)
   */
  public static Path locate(Map<String, String> environment, Path home) {
    String dir = environment.get("DOCKER_CONFIG");
    return dir != null && !dir.isBlank()
        ? Path.of(dir).resolve("config.json")
        : home.resolve(".docker").resolve("config.json");
  }

  @Override
  public Optional<Credential> credentialFor(String registryHost) throws StoreException {
    Optional<JsonNode> config = load();
    if (config.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root = config.get();
    String host = DockerHostKeys.normalise(registryHost);
    String serverUrl = DockerHostKeys.serverUrl(registryHost);

    Optional<JsonNode> helper = entry(root.path("credHelpers"), registryHost, host);
    if (helper.isPresent() && helper.get().isTextual() && !helper.get().asText().isEmpty()) {
      Optional<Credential> c = helpers.get(helper.get().asText(), serverUrl);
      if (c.isPresent()) {
        return c;
      }
    } else if (root.path("credsStore").isTextual() && !root.path("credsStore").asText().isEmpty()) {
      Optional<Credential> c = helpers.get(root.path("credsStore").asText(), serverUrl);
      if (c.isPresent()) {
        return c;
      }
    }
    Optional<JsonNode> auth = entry(root.path("auths"), registryHost, host);
    return auth.isPresent() ? decode(auth.get(), registryHost) : Optional.empty();
  }

  private StoreException tooLarge() {
    return new StoreException(
        Reason.LIMIT_EXCEEDED,
        "read docker config " + file + ": too large (expected at most " + MAX_FILE + " bytes)",
        null);
  }

  private Optional<JsonNode> load() throws StoreException {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      // Size checked up front and again while reading: a FIFO, /proc file or a file growing
      // meanwhile reports a small size and then delivers more.
      if (Files.size(file) > MAX_FILE) {
        throw tooLarge();
      }
      byte[] content;
      try (InputStream in = Files.newInputStream(file)) {
        content = in.readNBytes((int) MAX_FILE + 1);
      }
      if (content.length > MAX_FILE) {
        throw tooLarge();
      }
      JsonNode root = Json.read(Bytes.of(content), "docker config");
      if (!root.isObject()) {
        throw new StoreException(Reason.INVALID_INPUT, "read docker config " + file + ": not a JSON object", null);
      }
      return Optional.of(root);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (InvalidInputException e) {
      // The parser's detail may quote a secret from the file.
      throw new StoreException(Reason.INVALID_INPUT, "read docker config " + file + ": malformed JSON", null);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, "read docker config " + file + ": " + e.getMessage(), e);
    }
  }

  /** Finds {@code section[key]}: an exact key first, else the first key that normalises to host. */
  private static Optional<JsonNode> entry(JsonNode section, String registryHost, String host) {
    if (!section.isObject()) {
      return Optional.empty();
    }
    JsonNode exact = section.get(registryHost);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (Map.Entry<String, JsonNode> e : section.properties()) {
      if (DockerHostKeys.normalise(e.getKey()).equals(host)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private Optional<Credential> decode(JsonNode entry, String registryHost) throws StoreException {
    String where = "read docker config " + file + ": entry for " + registryHost;
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(Credential.identityToken(identityToken.trim()));
    }
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String auth = entry.path("auth").asText("").trim();
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(padded(auth)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new StoreException(Reason.INVALID_INPUT, where + ": 'auth' is not base64", null);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new StoreException(Reason.INVALID_INPUT, where + ": 'auth' is not base64 of user:password", null);
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (username.isEmpty() && password.isEmpty()) {
      return Optional.empty(); // the marker docker login leaves when a helper holds the secret
    }
    try {
      return Optional.of(Credential.basic(username, password));
    } catch (IllegalArgumentException e) {
      throw new StoreException(Reason.INVALID_INPUT, where + ": unusable username or password", null);
    }
  }

  private static String padded(String base64) {
    int rest = base64.length() % 4;
    return rest == 0 ? base64 : base64 + "=".repeat(4 - rest);
  }

  @Override
  public String toString() {
    return "DockerConfigCredentialProvider[" + file + "]";
  }
}
