package dev.custody.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code -a KEY=VALUE} options, as cosign spells them. */
final class Annotations {
  private Annotations() {}

  /**
   * Parses {@code KEY=VALUE} pairs.
   *
   * @param spec the command, for usage errors
   * @param pairs the option values
   * @return the annotations in the order given
   * @throws CommandLine.ParameterException if a pair has no {@code =}, an empty key, or repeats a key
   */
  static Map<String, String> parse(CommandSpec spec, List<String> pairs) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "-a: expected KEY=VALUE, got '" + pair + "'");
      }
      String key = pair.substring(0, eq);
      if (annotations.put(key, pair.substring(eq + 1)) != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "-a: the key '" + key + "' is given twice");
      }
    }
    return annotations;
  }
}
