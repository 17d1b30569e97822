/** How commands print: the {@code --output} formats and a minimal JSON writer (no JSON library in the CLI). */
package dev.custody.cli.output;
