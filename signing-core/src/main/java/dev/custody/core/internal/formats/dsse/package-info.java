/**
 * DSSE (secure-systems-lab/dsse, FORMATS.md §6.4): the envelope JSON, its signatures, and the
 * pre-authentication encoding computed over bytes with byte-length prefixes.
 */
package dev.custody.core.internal.formats.dsse;
