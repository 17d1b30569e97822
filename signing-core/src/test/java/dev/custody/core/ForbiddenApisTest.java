package dev.custody.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.SourceScan;
import dev.custody.SourceScan.Allowed;
import dev.custody.SourceScan.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Forbidden APIs in signing-core's main code (STYLE.md §19, HELPERS.md code rules), checked on the
 * source text: comments and string contents are ignored, each hit is reported as {@code
 * file:line}. Legitimate exceptions are listed below with their reason; an exception that no
 * longer matches fails the test too, so the list stays true.
 */
class ForbiddenApisTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final String INTERNAL = "dev/custody/core/internal/";

  private static Predicate<String> everywhere() {
    return f -> true;
  }

  private static Predicate<String> outside(String... packages) {
    return f -> List.of(packages).stream().noneMatch(p -> f.startsWith(INTERNAL + p + "/"));
  }

  private static Predicate<String> inside(String... packages) {
    return outside(packages).negate();
  }

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "Jackson mapper outside internal/json",
              Pattern.compile(
                  "new\\s+(ObjectMapper|JsonMapper|YAMLMapper|YAMLFactory|JsonFactory)\\s*\\("
                      + "|\\b(JsonMapper|YAMLMapper|YAMLFactory|JsonFactory)\\s*\\.\\s*builder\\s*\\("),
              outside("json"),
              "read outside JSON through Json.read(Bytes, what), the one hardened mapper"),
          new Rule(
              "System.exit/out/err",
              Pattern.compile(
                  "\\bSystem\\s*\\.\\s*(exit|out|err)\\b|Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(exit|halt)\\b"),
              everywhere(),
              "library code logs through SLF4J and never exits; only the CLI prints"),
          new Rule(
              "printStackTrace",
              Pattern.compile("\\.\\s*printStackTrace\\s*\\("),
              everywhere(),
              "log through SLF4J (and keep secrets out)"),
          new Rule(
              "global JCA provider change",
              Pattern.compile(
                  "\\bSecurity\\s*\\.\\s*(addProvider|insertProviderAt|removeProvider|setProperty)\\s*\\("),
              everywhere(),
              "no global state: pass a Provider instance explicitly"),
          new Rule(
              "non-cryptographic randomness in security code",
              Pattern.compile(
                  "new\\s+Random\\s*\\(|\\bMath\\s*\\.\\s*random\\s*\\(|\\bThreadLocalRandom\\b|\\bSplittableRandom\\b"),
              inside("crypto", "pkcs11", "formats", "keys", "notary", "sign"),
              "use SecureRandom"),
          new Rule(
              "String(byte[]) without a charset",
              Pattern.compile("new\\s+String\\s*\\((?![^;]*(Charset|UTF_8|US_ASCII|ISO_8859_1|toChars))"),
              everywhere(),
              "name the charset: new String(bytes, StandardCharsets.UTF_8)"),
          new Rule(
              "getBytes() without a charset",
              Pattern.compile("\\.\\s*getBytes\\s*\\(\\s*\\)"),
              everywhere(),
              "name the charset: s.getBytes(StandardCharsets.UTF_8)"),
          new Rule(
              "Signature.getInstance outside crypto/pkcs11",
              Pattern.compile("\\bSignature\\s*\\.\\s*getInstance\\s*\\("),
              outside("crypto", "pkcs11"),
              "sign and verify through internal/crypto, where the key fixes the algorithm"),
          new Rule(
              "MessageDigest.getInstance outside crypto",
              Pattern.compile("\\bMessageDigest\\s*\\.\\s*getInstance\\s*\\("),
              outside("crypto"),
              "use DigestAlgorithm.newMessageDigest() or Digest.of"),
          new Rule(
              "unbounded read",
              Pattern.compile(
                  "\\bFiles\\s*\\.\\s*(readAllBytes|readString|readAllLines|lines)\\s*\\("
                      + "|\\.\\s*readAllBytes\\s*\\(\\s*\\)"
                      + "|\\.\\s*body\\s*\\(\\s*\\)\\s*\\.\\s*(string|bytes)\\s*\\("),
              everywhere(),
              "bound every read from outside: readNBytes(max + 1), BoundedReads, ResponseBodies"));

  static final List<Allowed> ALLOWED =
      List.of(
          new Allowed(
              "Jackson mapper outside internal/json",
              INTERNAL + "gate/YamlDocuments.java",
              "deployment YAML needs a YAML factory; it is built once there with SnakeYAML"
                  + " LoaderOptions bounding documents, aliases and nesting (GateHostileInputTest)"),
          new Allowed(
              "Jackson mapper outside internal/json",
              INTERNAL + "policy/PolicyTreeParser.java",
              "policy files may be YAML; its factory refuses aliases and duplicate keys and bounds"
                  + " depth and size (JSON policies use Json's factory)"));

  @Test
  void mainSources_useNoForbiddenApis() {
    Map<String, List<String>> files = SourceScan.codeLines(MAIN);
    List<String> violations = SourceScan.violations(files, RULES, ALLOWED);
    assertTrue(
        violations.isEmpty(),
        "forbidden APIs in signing-core/src/main/java:\n  " + String.join("\n  ", violations));
  }

  @Test
  void scanner_ignoresCommentsAndStrings_butSeesCode() {
    String source =
        "/** never {@code System.exit} */\n"
            + "class A { // System.out\n"
            + "  String s = \"System.err \\\" new ObjectMapper(\";\n"
            + "  void f() { System.exit(1); }\n"
            + "}\n";
    Map<String, List<String>> files =
        Map.of(
            INTERNAL + "x/A.java",
            List.of(SourceScan.blankCommentsAndStrings(source).split("\n", -1)));
    assertEquals(
        List.of(
            INTERNAL + "x/A.java:4: void f() { System.exit(1); }  -- System.exit/out/err: "
                + RULES.get(1).why()),
        SourceScan.violations(files, List.of(RULES.get(1)), List.of()));
  }

  @Test
  void charsetRule_flagsOnlyCharsetlessConversions() {
    Pattern p = RULES.get(5).pattern();
    assertTrue(p.matcher("String s = new String(bytes);").find());
    assertTrue(p.matcher("String s = new String(bytes, 0, n);").find());
    assertTrue(!p.matcher("new String(bytes, StandardCharsets.UTF_8);").find());
    assertTrue(!p.matcher("new String(raw, 0, n, UTF_8);").find());
  }
}
