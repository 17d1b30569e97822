package dev.custody.core.internal.attach.notation;

import dev.custody.oci.ImageReference;

/**
 * The registry scope under which a notation trust policy statement is selected for an image
 * (FORMATS.md §5.7 "Policy selection"): for a registry image its repository, {@code
 * host[:port]/path}, exactly as notation uses it; for an OCI layout the reference's {@code oci:DIR}
 * context. notation's grammar for registry scopes cannot name an {@code oci:} scope, so a layout is
 * governed by the global {@code "*"} statement only, and a policy without one is rejected for
 * layouts with a message saying so. (notation itself takes a layout's scope from the command line,
 * {@code --scope local/…}; once {@code custody export} records the source repository in a layout,
 * that repository is the natural scope, as POLICY.md does for custody policies.)
 */
final class NotationScopes {
  private NotationScopes() {}

  /** {@return the scope of {@code image}} */
  static String of(ImageReference image) {
    return image.context();
  }
}
