package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The README's {@code --output json} examples: each follows the sentence "{@code `COMMAND --output
 * json` prints}" as the next {@code json} code block, and a command's output must have exactly the
 * fields its example shows, in nested objects and in the first element of arrays too.
 */
final class ReadmeJson {
  static final Path README = Path.of("..", "README.md");

  private ReadmeJson() {}

  static String readme() {
    try {
      return Files.readString(README);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the example documented for {@code command}, parsed} */
  static JsonNode example(String command) {
    String readme = readme();
    int at = readme.indexOf("`" + command + " --output json` prints");
    assertTrue(at >= 0, "the README documents no '" + command + " --output json'");
    int start = readme.indexOf("```json\n", at);
    assertTrue(start >= 0, "no json block after '" + command + " --output json'");
    int end = readme.indexOf("```", start + 8);
    return read(readme.substring(start + 8, end), "README " + command + " example");
  }

  /** {@return {@code output} parsed, failing unless it is exactly one JSON document and a newline} */
  static JsonNode parse(CliRun run) {
    assertEquals(1, run.out().lines().count(), "one document on one line:\n" + run);
    return read(run.out(), "command output");
  }

  private static JsonNode read(String json, String what) {
    try {
      return Json.read(Bytes.utf8(json), what);
    } catch (InvalidInputException e) {
      throw new AssertionError(what + " is not JSON: " + e.getMessage() + "\n" + json, e);
    }
  }

  /** Fails unless {@code actual} has exactly the documented fields, recursively. */
  static void assertSameShape(JsonNode documented, JsonNode actual, String where) {
    if (documented.isObject() && actual.isObject()) {
      assertEquals(fields(documented), fields(actual), where);
      for (Iterator<String> it = documented.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        assertSameShape(documented.get(name), actual.get(name), where + "." + name);
      }
    } else if (documented.isArray() && actual.isArray() && documented.size() > 0 && actual.size() > 0) {
      assertSameShape(documented.get(0), actual.get(0), where + "[0]");
    }
  }

  static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
