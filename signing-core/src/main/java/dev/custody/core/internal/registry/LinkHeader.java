package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses HTTP {@code Link} headers (RFC 8288, formerly RFC 5988) as registries use them for
 * pagination: {@code Link: </v2/app/tags/list?last=v1&n=2>; rel="next"} (distribution-spec "Listing
 * Tags", FORMATS.md §2.6).
 *
 * <p>Pure and lenient: a header comes from the network, so a malformed link-value is skipped, never
 * thrown, and parsing any string returns (possibly empty) results. Commas and semicolons inside
 * {@code <…>} or quoted strings do not split. Parameter names are compared case-insensitively;
 * {@code rel} may list several space-separated relation types (§3.3).
 */
public final class LinkHeader {
  private LinkHeader() {}

  /**
   * One link-value.
   *
   * @param target the URI reference between {@code <} and {@code >}, verbatim (not yet resolved)
   * @param parameters the parameters, names lower-cased, values unquoted; the first of a repeated
   *     name wins (RFC 8288 §3: later {@code rel} occurrences are ignored)
   */
  public record Link(String target, Map<String, String> parameters) {
    /** Copies the parameters. */
    public Link {
      requireNonNull(target, "target");
      parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** {@return whether {@code rel} lists {@code relation} (case-insensitive)} */
    public boolean hasRel(String relation) {
      String rel = parameters.get("rel");
      if (rel == null) {
        return false;
      }
      for (String r : rel.trim().split("[ \\t]+")) {
        if (r.equalsIgnoreCase(relation)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Parses the values of one or more {@code Link} headers.
   *
   * @param headerValues the header values, in order
   * @return every well-formed link, in order
   */
  public static List<Link> parse(List<String> headerValues) {
    List<Link> links = new ArrayList<>();
    for (String value : headerValues) {
      parseInto(value, links);
    }
    return List.copyOf(links);
  }

  /** {@return the target of the first link with {@code rel="next"}, if any} */
  public static Optional<String> next(List<String> headerValues) {
    return parse(headerValues).stream().filter(l -> l.hasRel("next")).map(Link::target).findFirst();
  }

  /**
   * Formats links as one header value, {@code <t>; a="b", <u>; c="d"}; {@link #parse} reads it
   * back. Values are quoted with {@code \} escapes.
   *
   * @param links the links; targets must not contain {@code >}
   * @return the header value
   */
  public static String format(List<Link> links) {
    StringBuilder out = new StringBuilder();
    for (Link link : links) {
      if (link.target().indexOf('>') >= 0) {
        throw new IllegalArgumentException("a link target cannot contain '>'");
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append('<').append(link.target()).append('>');
      link.parameters()
          .forEach(
              (k, v) ->
                  out.append("; ")
                      .append(k)
                      .append("=\"")
                      .append(v.replace("\\", "\\\\").replace("\"", "\\\""))
                      .append('"'));
    }
    return out.toString();
  }

  private static void parseInto(String value, List<Link> links) {
    Cursor c = new Cursor(value);
    while (true) {
      c.skip(" \t,");
      if (c.done()) {
        return;
      }
      Optional<Link> link = parseLink(c);
      if (link.isPresent()) {
        links.add(link.get());
      } else {
        c.skipPast(','); // drop the malformed link-value, keep the rest
      }
    }
  }

  private static Optional<Link> parseLink(Cursor c) {
    if (c.peek() != '<') {
      return Optional.empty();
    }
    int close = c.text.indexOf('>', c.pos + 1);
    if (close < 0) {
      c.pos = c.text.length();
      return Optional.empty();
    }
    String target = c.text.substring(c.pos + 1, close).trim();
    c.pos = close + 1;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      c.skip(" \t");
      if (c.done() || c.peek() == ',') {
        return Optional.of(new Link(target, params));
      }
      if (c.peek() != ';') {
        return Optional.empty();
      }
      c.pos++;
      c.skip(" \t");
      String name = c.token().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        if (c.done() || c.peek() == ',' || c.peek() == ';') {
          continue; // tolerate "; ;" and a trailing ";"
        }
        return Optional.empty();
      }
      c.skip(" \t");
      String paramValue = "";
      if (!c.done() && c.peek() == '=') {
        c.pos++;
        c.skip(" \t");
        if (c.done()) {
          return Optional.empty();
        }
        Optional<String> v = c.peek() == '"' ? c.quoted() : Optional.of(c.token());
        if (v.isEmpty()) {
          return Optional.empty();
        }
        paramValue = v.get();
      }
      params.putIfAbsent(name, paramValue);
    }
  }

  /** A position in a header value. */
  private static final class Cursor {
    final String text;
    int pos;

    Cursor(String text) {
      this.text = text;
    }

    boolean done() {
      return pos >= text.length();
    }

    char peek() {
      return text.charAt(pos);
    }

    void skip(String chars) {
      while (!done() && chars.indexOf(peek()) >= 0) {
        pos++;
      }
    }

    void skipPast(char ch) {
      int i = text.indexOf(ch, pos);
      pos = i < 0 ? text.length() : i + 1;
    }

    /** An RFC 7230 token (extended with '*' for ext-value names such as {@code title*}). */
    String token() {
      int start = pos;
      while (!done() && isTokenChar(peek())) {
        pos++;
      }
      return text.substring(start, pos);
    }

    static boolean isTokenChar(char ch) {
      return ch >= 'a' && ch <= 'z'
          || ch >= 'A' && ch <= 'Z'
          || ch >= '0' && ch <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
    }

    Optional<String> quoted() {
      StringBuilder out = new StringBuilder();
      pos++; // opening quote
      while (!done()) {
        char ch = text.charAt(pos++);
        if (ch == '"') {
          return Optional.of(out.toString());
        }
        if (ch == '\\' && !done()) {
          ch = text.charAt(pos++);
        }
        out.append(ch);
      }
      return Optional.empty();
    }
  }
}
