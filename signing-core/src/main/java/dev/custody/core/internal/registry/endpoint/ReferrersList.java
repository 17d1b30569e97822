package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The referrers API, {@code GET /v2/<name>/referrers/<digest>[?artifactType=<type>]} (FORMATS.md
 * §2.7), with {@code Link} pagination. A registry without the API answers 404 (it MUST NOT when it
 * implements it) or a 200 that is not an image index: both mean "unsupported", and the caller falls
 * back to the referrers tag schema. When the registry did not confirm the filter with {@code
 * OCI-Filters-Applied: artifactType}, it is applied here.
 */
public final class ReferrersList {
  /** Referrers listed in total before the listing is refused. */
  public static final int MAX_REFERRERS = 10_000;

  /** Referrer pages followed at most. */
  public static final int MAX_PAGES = 100;

  /** The index annotation 1.1.0-rc registries used instead of the header. */
  private static final String RC_FILTERS_ANNOTATION = "org.opencontainers.referrers.filtersApplied";

  private ReferrersList() {}

  /**
   * Lists the referrers of {@code subject}.
   *
   * @param target the repository
   * @param subject the subject digest
   * @param artifactType the artifact type to keep, or empty for all
   * @return the descriptors, or empty when the registry has no referrers API
   * @throws StoreException if the registry fails or a bound is exceeded
   */
  public static Listing list(
      RegistryTarget target, Digest subject, Optional<MediaType> artifactType)
      throws StoreException {
    String action = "list referrers of " + target.location() + "@" + subject;
    HttpUrl.Builder url = target.url("referrers", subject.toString());
    artifactType.ifPresent(t -> url.addQueryParameter("artifactType", t.value()));
    List<Descriptor> out = new ArrayList<>();
    boolean[] first = {true};
    boolean[] repositoryUnknown = {false};
    boolean supported =
        PagedGet.fetch(
            target,
            url.build(),
            MediaType.OCI_INDEX.value(),
            action,
            MAX_PAGES,
            PagedGet.DEFAULT_MAX_PAGE_BYTES,
            new PagedGet.PageHandler() {
              @Override
              public boolean accept(Response response) {
                boolean isFirst = first[0];
                first[0] = false;
                if (!isFirst) {
                  return true;
                }
                if (response.code() == 404) {
                  // NAME_UNKNOWN comes from a registry that has the API but not the repository;
                  // any other 404 (typically a plain "page not found") means no API.
                  repositoryUnknown[0] =
                      RegistryErrors.toException(response, action)
                          .errorCode()
                          .equals("NAME_UNKNOWN");
                  return false;
                }
                return response.code() != 200
                    || RegistryHeaders.contentType(response)
                        .filter(MediaType.OCI_INDEX::equals)
                        .isPresent();
              }

              @Override
              public void page(Bytes body, Response response) throws StoreException {
                Manifest parsed;
                try {
                  parsed = ManifestCodec.parse(body, Optional.of(MediaType.OCI_INDEX));
                } catch (InvalidInputException e) {
                  throw new StoreException(
                      Reason.PROTOCOL, action + ": " + e.getMessage(), e, response.code(), "");
                }
                if (!(parsed instanceof ImageIndex)) {
                  throw new StoreException(
                      Reason.PROTOCOL, action + ": the answer is not an image index", null);
                }
                ImageIndex index = (ImageIndex) parsed;
                boolean filtered = filtersApplied(response, index);
                for (Descriptor d : index.manifests()) {
                  if (artifactType.isPresent()
                      && !filtered
                      && !d.artifactType().equals(artifactType)) {
                    continue;
                  }
                  if (out.size() >= MAX_REFERRERS) {
                    throw new StoreException(
                        Reason.LIMIT_EXCEEDED,
                        action + ": more than " + MAX_REFERRERS + " referrers (expected fewer)",
                        null);
                  }
                  out.add(d);
                }
              }
            });
    if (repositoryUnknown[0]) {
      return new Listing(Support.UNKNOWN, List.of());
    }
    return supported
        ? new Listing(Support.SUPPORTED, List.copyOf(out))
        : new Listing(Support.UNSUPPORTED, List.of());
  }

  /** What the answer says about the registry. */
  public enum Support {
    /** The API answered. */
    SUPPORTED,
    /** The API is absent: use the referrers tag schema. */
    UNSUPPORTED,
    /** The repository does not exist, so nothing refers to anything in it; support unknown. */
    UNKNOWN
  }

  /**
   * A referrers listing.
   *
   * @param support whether the registry has the API
   * @param referrers the referrers; empty unless {@code support} is {@code SUPPORTED}
   */
  public record Listing(Support support, List<Descriptor> referrers) {
    /** Copies the list. */
    public Listing {
      referrers = List.copyOf(referrers);
    }
  }

  private static boolean filtersApplied(Response response, ImageIndex index) {
    String header = response.header(RegistryHeaders.OCI_FILTERS_APPLIED, "");
    String annotation = index.annotations().getOrDefault(RC_FILTERS_ANNOTATION, "");
    for (String applied : (header + "," + annotation).split(",")) {
      if (applied.trim().toLowerCase(Locale.ROOT).equals("artifacttype")) {
        return true;
      }
    }
    return false;
  }
}
