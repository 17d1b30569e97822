/**
 * The {@code custody} command: a thin picocli layer where each subcommand makes one call to the
 * public API ({@code dev.custody}). {@link dev.custody.cli.Main} owns the global options and the
 * mapping from failures to exit codes ({@link dev.custody.cli.ExitCodes}); the contract is
 * CLI.md.
 */
package dev.custody.cli;
