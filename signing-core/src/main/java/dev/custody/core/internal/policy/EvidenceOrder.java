package dev.custody.core.internal.policy;

import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A total order over evidence by its content, so that the engine sees the same sequence however
 * the pipeline happened to find the evidence (issue 5: "the verdict does not depend on the order
 * in which evidence is found"). Two pieces that compare equal are equal in every field.
 */
final class EvidenceOrder {
  private EvidenceOrder() {}

  /** {@return a sorted copy of {@code evidence}} */
  static List<Evidence> sorted(List<Evidence> evidence) {
    Map<Evidence, List<String>> keys = new IdentityHashMap<>();
    for (Evidence e : evidence) {
      keys.put(e, key(e));
    }
    List<Evidence> out = new ArrayList<>(evidence);
    out.sort(Comparator.comparing(keys::get, EvidenceOrder::compare));
    return out;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** The fields in comparison order; the content by its digest. Times sort before "none". */
  private static List<String> key(Evidence e) {
    return List.of(
        e.ref().toString(),
        e.storage().id(),
        e.kind().id(),
        e.format().map(Enum::name).orElse(""),
        e.predicateType().orElse(""),
        e.verifiedBy().map(Object::toString).orElse(""),
        e.subject().toString(),
        e.signedTime().map(t -> String.format("%020d%09d", t.getEpochSecond() + (1L << 40), t.getNano())).orElse("~"),
        e.failure().map(Enum::name).orElse(""),
        e.failureDetail(),
        Digest.of(e.content()).toString());
  }
}
