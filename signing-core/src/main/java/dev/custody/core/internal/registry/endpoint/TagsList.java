package dev.custody.core.internal.registry.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import okhttp3.HttpUrl;

/**
 * {@code GET /v2/<name>/tags/list[?n=<page size>]} and the pages its {@code Link} headers announce
 * (FORMATS.md §2.6). The next-page URL is followed verbatim (it carries {@code last} and
 * registry-specific parameters); computing {@code last} ourselves is not needed when the registry
 * paginates, and a short page is not taken as the end.
 */
public final class TagsList {
  /** Tags listed in total before the listing is refused. */
  static final int MAX_TAGS = 1_000_000;

  private TagsList() {}

  /**
   * Lists every tag.
   *
   * @param target the repository
   * @param pageSize the {@code n} to ask for, or empty to let the registry choose
   * @param maxPages the most pages followed
   * @return the tags in the registry's order
   * @throws StoreException if the registry fails, or {@link Reason#LIMIT_EXCEEDED} when a bound is
   *     exceeded
   */
  public static List<String> list(RegistryTarget target, OptionalInt pageSize, int maxPages)
      throws StoreException {
    String action = "list tags of " + target.location();
    HttpUrl.Builder first = target.url("tags", "list");
    pageSize.ifPresent(n -> first.addQueryParameter("n", Integer.toString(n)));
    List<String> tags = new ArrayList<>();
    PagedGet.fetch(
        target,
        first.build(),
        "application/json",
        action,
        maxPages,
        PagedGet.DEFAULT_MAX_PAGE_BYTES,
        new PagedGet.PageHandler() {
          @Override
          public boolean accept(okhttp3.Response response) {
            return true;
          }

          @Override
          public void page(dev.custody.Bytes body, okhttp3.Response response)
              throws StoreException {
            JsonNode list;
            try {
              list = Json.read(body, "tag list").path("tags");
            } catch (InvalidInputException e) {
              throw new StoreException(Reason.PROTOCOL, action + ": " + e.getMessage(), e);
            }
            if (list.isNull() || list.isMissingNode()) {
              return; // distribution sends "tags": null for an empty page
            }
            if (!list.isArray()) {
              throw new StoreException(
                  Reason.PROTOCOL,
                  action + ": \"tags\" is not an array",
                  null,
                  response.code(),
                  "");
            }
            for (JsonNode tag : list) {
              if (!tag.isTextual()) {
                throw new StoreException(
                    Reason.PROTOCOL, action + ": a tag is not a string", null, response.code(), "");
              }
              if (tags.size() >= MAX_TAGS) {
                throw new StoreException(
                    Reason.LIMIT_EXCEEDED,
                    action + ": more than " + MAX_TAGS + " tags (expected fewer)",
                    null);
              }
              tags.add(tag.asText());
            }
          }
        });
    return List.copyOf(tags);
  }
}
