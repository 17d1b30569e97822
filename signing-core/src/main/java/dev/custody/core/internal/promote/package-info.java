/**
 * Moving custody between stores: {@link dev.custody.core.internal.promote.CustodyCopier} copies an
 * image with every attachment, {@link dev.custody.core.internal.promote.Exporter} writes it to a
 * layout and records the source repository ({@link
 * dev.custody.core.internal.promote.ExportRecord}), and {@link
 * dev.custody.core.internal.promote.Promoter} adds a signed promotion attestation.
 */
package dev.custody.core.internal.promote;
