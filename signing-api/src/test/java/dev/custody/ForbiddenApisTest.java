package dev.custody;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.SourceScan.Allowed;
import dev.custody.SourceScan.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Forbidden APIs in signing-api's main code (STYLE.md §19): the API never prints, exits, changes
 * global JCA state, converts bytes and text without a charset, or reads without a bound; hashing
 * goes through {@link dev.custody.oci.DigestAlgorithm}. Hits are reported as {@code file:line};
 * each deliberate exception below carries its reason and must still match.
 */
class ForbiddenApisTest {
  private static final Path MAIN = Path.of("src/main/java");

  private static Predicate<String> everywhere() {
    return f -> true;
  }

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "System.exit/out/err",
              Pattern.compile(
                  "\\bSystem\\s*\\.\\s*(exit|out|err)\\b|Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(exit|halt)\\b"),
              everywhere(),
              "an API never prints or exits; return values or throw a CustodyException"),
          new Rule(
              "printStackTrace",
              Pattern.compile("\\.\\s*printStackTrace\\s*\\("),
              everywhere(),
              "throw or return; never print"),
          new Rule(
              "global JCA provider change",
              Pattern.compile(
                  "\\bSecurity\\s*\\.\\s*(addProvider|insertProviderAt|removeProvider|setProperty)\\s*\\("),
              everywhere(),
              "no global state"),
          new Rule(
              "non-cryptographic randomness",
              Pattern.compile("new\\s+Random\\s*\\(|\\bMath\\s*\\.\\s*random\\s*\\("),
              everywhere(),
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
              "name the charset"),
          new Rule(
              "Signature.getInstance in the API",
              Pattern.compile("\\bSignature\\s*\\.\\s*getInstance\\s*\\("),
              everywhere(),
              "signing and verifying live in signing-core (internal/crypto)"),
          new Rule(
              "MessageDigest.getInstance outside DigestAlgorithm",
              Pattern.compile("\\bMessageDigest\\s*\\.\\s*getInstance\\s*\\("),
              f -> !f.equals("dev/custody/oci/DigestAlgorithm.java"),
              "use DigestAlgorithm.newMessageDigest() or Digest.of"),
          new Rule(
              "unbounded read",
              Pattern.compile(
                  "\\bFiles\\s*\\.\\s*(readAllBytes|readString|readAllLines|lines)\\s*\\("
                      + "|\\.\\s*readAllBytes\\s*\\(\\s*\\)"),
              everywhere(),
              "bound every read: readNBytes(max + 1)"));

  private static final List<Allowed> ALLOWED =
      List.of(
          new Allowed(
              "MessageDigest.getInstance outside DigestAlgorithm",
              "dev/custody/sign/Signer.java",
              "Signer.sign's default hashes with the signature algorithm's own hash"
                  + " (SHA-256/384/512 by JCA name, SignatureAlgorithm.digestName()), which is not"
                  + " an OCI digest algorithm; the JDK-only API cannot call signing-core"),
          new Allowed(
              "String(byte[]) without a charset",
              "dev/custody/Bytes.java",
              "hex() builds a String from a char[] of hex digits, not from bytes"));

  @Test
  void mainSources_useNoForbiddenApis() {
    List<String> violations = SourceScan.violations(SourceScan.codeLines(MAIN), RULES, ALLOWED);
    assertTrue(
        violations.isEmpty(),
        "forbidden APIs in signing-api/src/main/java:\n  " + String.join("\n  ", violations));
  }
}
