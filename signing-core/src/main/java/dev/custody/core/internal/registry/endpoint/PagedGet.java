package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.LinkHeader;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.core.internal.registry.ResponseBodies;
import dev.custody.store.StoreException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows {@code Link: <…>; rel="next"} pagination (FORMATS.md §2.6, used by tags and referrers)
 * within bounds: at most {@code maxPages} pages of at most {@code maxPageBytes} each. A next link
 * is resolved against the request URL and must stay on the same scheme, host and port (as oras-go
 * requires), so a registry cannot send us elsewhere. Exceeding a bound is {@link
 * Reason#LIMIT_EXCEEDED}, so a registry that paginates forever ends in a clear error.
 */
final class PagedGet {
  /** Default bound on pages followed. */
  static final int DEFAULT_MAX_PAGES = 1000;

  /** Default bound on one page's body. */
  static final int DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024;

  /** Receives each page; answers whether the first page means "unsupported" (stop, no error). */
  interface PageHandler {
    /**
     * Handles a response before its body is read.
     *
     * @return false to stop without reading (e.g. the referrers API is absent)
     */
    boolean accept(Response response) throws StoreException;

    /** Handles one page body. */
    void page(Bytes body, Response response) throws StoreException;
  }

  private PagedGet() {}

  /**
   * Fetches pages until there is no next link.
   *
   * @return false if the handler stopped at a response, true when all pages were read
   */
  static boolean fetch(
      RegistryTarget target,
      HttpUrl first,
      String accept,
      String action,
      int maxPages,
      int maxPageBytes,
      PageHandler handler)
      throws StoreException {
    HttpUrl url = first;
    for (int page = 1; ; page++) {
      if (page > maxPages) {
        throw new StoreException(
            Reason.LIMIT_EXCEEDED,
            action + ": the registry announced more than " + maxPages + " pages (expected fewer)",
            null);
      }
      Request request = target.pull(url).header("Accept", accept).get().build();
      try (Response response = target.execute(request, action)) {
        if (!handler.accept(response)) {
          return false;
        }
        if (response.code() != 200) {
          throw RegistryErrors.toException(response, action);
        }
        handler.page(ResponseBodies.read(response, maxPageBytes, action), response);
        Optional<String> next = LinkHeader.next(response.headers("Link"));
        if (next.isEmpty()) {
          return true;
        }
        url = sameOrigin(url, next.get(), action);
      }
    }
  }

  private static HttpUrl sameOrigin(HttpUrl current, String link, String action)
      throws StoreException {
    HttpUrl next = current.resolve(link);
    if (next == null
        || !next.scheme().equals(current.scheme())
        || !next.host().equals(current.host())
        || next.port() != current.port()) {
      throw new StoreException(
          Reason.PROTOCOL,
          action
              + ": refusing a next-page link to another origin (expected "
              + current.scheme()
              + "://"
              + current.host()
              + ":"
              + current.port()
              + ", got \""
              + RegistryErrors.shorten(link)
              + "\")",
          null);
    }
    return next;
  }
}
