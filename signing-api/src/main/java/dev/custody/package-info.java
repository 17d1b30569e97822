/**
 * Custody's entry point ({@link dev.custody.Custody}), its checked exception root and small shared values.
 *
 * <p>Every type in this API is null-free: methods never return {@code null} and reject
 * {@code null} arguments with a {@link NullPointerException} naming the parameter. Optional
 * parts are {@link java.util.Optional}s or empty collections.
 */
package dev.custody;
