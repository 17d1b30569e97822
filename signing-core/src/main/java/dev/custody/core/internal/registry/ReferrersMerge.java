package dev.custody.core.internal.registry;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.endpoint.ReferrersList;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the two places a registry may list the referrers of a subject: the referrers API
 * (FORMATS.md §2.7) and the referrers tag schema index (§2.8). Registries that gained the API after
 * clients wrote tag indexes, and copies made by tools that carry the {@code <alg>-<hex>} tag along,
 * have entries in one and not the other, so a complete listing reads both.
 *
 * <p>Entries are de-duplicated by manifest digest, API entries first (the registry computed them
 * from the manifests themselves; tag indexes written by cosign lack annotations, §2.8). Tag entries
 * are filtered by artifact type here, since no registry filters a tag. The merged listing obeys
 * the same entry bound as the API listing alone.
 */
final class ReferrersMerge {
  private ReferrersMerge() {}

  /**
   * {@return the merged listing}
   *
   * @param fromApi entries from the referrers API, already filtered by artifact type
   * @param fromTag entries from the tag schema index, unfiltered
   * @param artifactType the artifact type to keep, or empty for all
   * @param action what is being done, for the message of a bound exceeded
   * @throws StoreException {@link Reason#LIMIT_EXCEEDED} if more than {@link
   *     ReferrersList#MAX_REFERRERS} distinct referrers remain
   */
  static List<Descriptor> merge(
      List<Descriptor> fromApi,
      List<Descriptor> fromTag,
      Optional<MediaType> artifactType,
      String action)
      throws StoreException {
    List<Descriptor> out = new ArrayList<>();
    Set<Digest> seen = new HashSet<>();
    for (Descriptor d : fromApi) {
      add(d, out, seen, action);
    }
    for (Descriptor d : fromTag) {
      if (artifactType.isEmpty() || d.artifactType().equals(artifactType)) {
        add(d, out, seen, action);
      }
    }
    return List.copyOf(out);
  }

  private static void add(Descriptor d, List<Descriptor> out, Set<Digest> seen, String action)
      throws StoreException {
    if (!seen.add(d.digest())) {
      return;
    }
    if (out.size() >= ReferrersList.MAX_REFERRERS) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          action
              + ": more than "
              + ReferrersList.MAX_REFERRERS
              + " referrers (expected fewer)",
          null);
    }
    out.add(d);
  }
}
