package dev.custody.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.store.StoreException;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies Microsoft Entra ID (Azure AD) access tokens that Custody exchanges for Azure Container
 * Registry tokens (SPI; FORMATS §2.13): the access token goes to {@code POST
 * https://<registry>/oauth2/exchange}, which answers an ACR refresh token, from which Custody gets
 * one access token per repository scope.
 *
 * <p>Embedders implement it with their Azure identity library, for example azure-identity's {@code
 * DefaultAzureCredential} asked for the scope {@code https://containerregistry.azure.net/.default};
 * Custody itself depends on no Azure SDK. Custody calls it only for Azure Container Registry hosts
 * ({@code *.azurecr.io} and those added with {@link RegistryOptions.Builder#azureContainerRegistry}),
 * only when the registry asks for a token, and never sends the token to any other host.
 *
 * <p>Implementations must be thread-safe, should cache tokens themselves, and must keep tokens out
 * of exception messages and {@code toString()}.
 */
@FunctionalInterface
public interface AzureTokenSource {

  /**
   * Returns a current Entra ID access token whose audience is Azure Container Registry.
   *
   * @param registryHost the registry that asks, e.g. {@code myreg.azurecr.io}
   * @return the access token (a JWT), never empty
   * @throws StoreException if no token can be obtained
   */
  String accessToken(String registryHost) throws StoreException;

  /**
   * Returns the tenant to name in the exchange; ACR treats it as optional.
   *
   * @return the tenant id, or empty (the default)
   */
  default Optional<String> tenantId() {
    return Optional.empty();
  }

  /**
   * Returns a source reading {@code AZURE_ACCESS_TOKEN} (and optionally {@code AZURE_TENANT_ID})
   * from {@code environment} once, now: for the command line, e.g. after {@code az account
   * get-access-token --resource https://containerregistry.azure.net}.
   *
   * @param environment the environment, usually {@link System#getenv()}
   * @return the source, or empty when {@code AZURE_ACCESS_TOKEN} is unset or blank
   */
  static Optional<AzureTokenSource> fromEnvironment(Map<String, String> environment) {
    requireNonNull(environment, "environment");
    String token = environment.getOrDefault("AZURE_ACCESS_TOKEN", "").trim();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> tenant =
        Optional.ofNullable(environment.get("AZURE_TENANT_ID")).map(String::trim).filter(t -> !t.isEmpty());
    return Optional.of(
        new AzureTokenSource() {
          @Override
          public String accessToken(String registryHost) {
            return token;
          }

          @Override
          public Optional<String> tenantId() {
            return tenant;
          }

          @Override
          public String toString() {
            return "AzureTokenSource[AZURE_ACCESS_TOKEN]";
          }
        });
  }
}
