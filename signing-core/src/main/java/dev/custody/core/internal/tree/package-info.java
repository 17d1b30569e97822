/** {@code tree}: listing the signatures, attestations and other referrers attached to an image. */
package dev.custody.core.internal.tree;
