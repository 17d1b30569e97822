/**
 * Custody's public API: value types, the store abstraction and the service-provider interfaces.
 *
 * <p>This module depends on nothing beyond {@code java.base}; implementations live in
 * {@code signing-core} and are found through {@link java.util.ServiceLoader}.
 */
module dev.custody.api {
  exports dev.custody;
  exports dev.custody.oci;
  exports dev.custody.store;
  exports dev.custody.registry;
  exports dev.custody.spi;
  exports dev.custody.sign;
  exports dev.custody.policy;
  exports dev.custody.verify;
  exports dev.custody.gate;
  exports dev.custody.attest;
  exports dev.custody.promote;

  // The hook that lets the verification pipeline in signing-core mint Evidence (STYLE.md §14);
  // qualified, so embedders cannot. Needs signing-core on the module path (Automatic-Module-Name).
  exports dev.custody.policy.internal to
      dev.custody.core;

  uses dev.custody.spi.CustodyProvider;
  uses dev.custody.sign.KeyProvider;
}
