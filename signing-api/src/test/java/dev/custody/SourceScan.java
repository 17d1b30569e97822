package dev.custody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small source scanner for {@link ForbiddenApisTest} (signing-core's ForbiddenApisTest uses it too, through this module's test-jar): reads every {@code .java} file under a
 * directory, blanks comments and the contents of string literals (so Javadoc that names a banned
 * call, or a message that mentions one, is not a hit), and matches rules line by line.
 */
public final class SourceScan {
  private SourceScan() {}

  /**
   * A banned construct.
   *
   * @param name what the rule bans, for the failure message
   * @param pattern matched against code with comments and string contents blanked
   * @param appliesTo which files (path relative to the scanned root, with '/') the rule covers
   * @param why what to do instead
   */
  public record Rule(String name, Pattern pattern, Predicate<String> appliesTo, String why) {}

  /**
   * A deliberate exception to a rule.
   *
   * @param rule the rule's name
   * @param file the path relative to the scanned root
   * @param reason why this use is legitimate
   */
  public record Allowed(String rule, String file, String reason) {}

  /** {@return every .java file under {@code root}, keyed by its relative path, as code lines} */
  public static Map<String, List<String>> codeLines(Path root) {
    Map<String, List<String>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (p.toString().endsWith(".java")) {
          String source = Files.readString(p, StandardCharsets.UTF_8);
          String relative = root.relativize(p).toString().replace('\\', '/');
          files.put(relative, List.of(blankCommentsAndStrings(source).split("\n", -1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new AssertionError("no Java sources under " + root.toAbsolutePath());
    }
    return files;
  }

  /**
   * Applies the rules and returns one line per violation, {@code file:line: code -- rule: why},
   * plus one line per allowance that no longer matches anything (so stale exceptions are removed).
   */
  public static List<String> violations(
      Map<String, List<String>> files, List<Rule> rules, List<Allowed> allowed) {
    List<String> out = new ArrayList<>();
    List<Allowed> used = new ArrayList<>();
    for (Map.Entry<String, List<String>> file : files.entrySet()) {
      for (Rule rule : rules) {
        if (!rule.appliesTo().test(file.getKey())) {
          continue;
        }
        List<String> lines = file.getValue();
        for (int i = 0; i < lines.size(); i++) {
          if (!rule.pattern().matcher(lines.get(i)).find()) {
            continue;
          }
          Allowed exception = allowance(allowed, rule.name(), file.getKey());
          if (exception != null) {
            used.add(exception);
            continue;
          }
          out.add(file.getKey() + ":" + (i + 1) + ": " + lines.get(i).trim() + "  -- "
              + rule.name() + ": " + rule.why());
        }
      }
    }
    for (Allowed a : allowed) {
      if (!used.contains(a)) {
        out.add(a.file() + ": allowance for \"" + a.rule() + "\" matches nothing any more; remove it");
      }
    }
    return out;
  }

  private static Allowed allowance(List<Allowed> allowed, String rule, String file) {
    for (Allowed a : allowed) {
      if (a.rule().equals(rule) && a.file().equals(file)) {
        return a;
      }
    }
    return null;
  }

  /** Replaces comments and string/char literal contents with spaces, keeping line breaks. */
  public static String blankCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        out.append("  ");
        i += 2;
        while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
          out.append(s.charAt(i) == '\n' ? '\n' : ' ');
          i++;
        }
        out.append("  ");
        i += 2;
      } else if (s.startsWith("\"\"\"", i)) {
        out.append("\"\"\"");
        i += 3;
        while (i < n && !s.startsWith("\"\"\"", i)) {
          if (s.charAt(i) == '\\') {
            out.append(' ');
            i++;
          }
          if (i < n) {
            out.append(s.charAt(i) == '\n' ? '\n' : ' ');
            i++;
          }
        }
        out.append("\"\"\"");
        i += 3;
      } else if (c == '"' || c == '\'') {
        out.append(c);
        i++;
        while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') {
          if (s.charAt(i) == '\\') {
            out.append(' ');
            i++;
          }
          if (i < n) {
            out.append(' ');
            i++;
          }
        }
        if (i < n) {
          out.append(s.charAt(i));
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
