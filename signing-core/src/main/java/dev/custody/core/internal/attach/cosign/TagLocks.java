package dev.custody.core.internal.attach.cosign;

/**
 * Serialises the read-modify-write of one signature tag among the threads that share a scheme (one
 * {@code Custody}), so they never lose each other's layers whatever the store. Writers in other
 * processes are not covered; {@link SignatureTagWriter} re-reads and merges for them. Striped, so
 * unrelated tags rarely wait on each other. Owned by one scheme instance; no global state.
 */
final class TagLocks {
  private static final int STRIPES = 64;

  private final Object[] locks = new Object[STRIPES];

  TagLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** {@return the lock for tag {@code tag} in the store at {@code location}} */
  Object forTag(String location, String tag) {
    return locks[Math.floorMod((location + ":" + tag).hashCode(), STRIPES)];
  }
}
