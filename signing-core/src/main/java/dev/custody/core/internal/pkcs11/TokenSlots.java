package dev.custody.core.internal.pkcs11;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the slot that holds a token with a given label. The JDK's SunPKCS11 provider selects a slot
 * only by {@code slot} (id) or {@code slotListIndex} and exposes no token information through
 * public API, so a {@code token=} label is resolved with OpenSC's {@code pkcs11-tool
 * --list-token-slots}, which reads the same module. Without {@code pkcs11-tool}, URIs must name the
 * slot with {@code slot-id}.
 *
 * <p>Thread-safe and stateless.
 */
final class TokenSlots {
  static final String TOOL = "pkcs11-tool";
  static final String INSTALL_HINT =
      "install OpenSC's pkcs11-tool (apt-get install opensc) or add slot-id=<id> to the URI";
  private static final int MAX_OUTPUT_BYTES = 256 * 1024;
  private static final long TIMEOUT_SECONDS = 30;

  /**
   * {@code Slot 0 (0x6ab04996): SoftHSM slot ID 0x6ab04996}: the id in parentheses is CK_SLOT_ID.
   */
  private static final Pattern SLOT = Pattern.compile("^Slot \\d+ \\(0x([0-9a-fA-F]+)\\):.*");

  private static final Pattern LABEL = Pattern.compile("^\\s+token label\\s*:\\s?(.*)$");

  private final Map<String, String> environment;

  TokenSlots(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Returns the id of the one slot whose token has {@code label}.
   *
   * @param module the PKCS#11 module
   * @param label the token label
   * @param uri the URI, redacted, for messages
   * @return the slot id
   * @throws KeyException if no tool is available, it fails, or not exactly one token matches
   */
  long slotOf(Path module, String label, String uri) throws KeyException {
    Path tool =
        findTool()
            .orElseThrow(
                () ->
                    new KeyException(
                        Reason.UNSUPPORTED,
                        "open PKCS#11 key "
                            + uri
                            + ": cannot find token \""
                            + label
                            + "\" by label: the JDK selects tokens by slot only; "
                            + INSTALL_HINT,
                        null));
    List<Long> slots = parse(run(tool, module, uri), label);
    if (slots.isEmpty()) {
      throw new KeyException(
          Reason.NOT_FOUND,
          "open PKCS#11 key " + uri + ": no token labelled \"" + label + "\" in module " + module,
          null);
    }
    if (slots.size() > 1) {
      throw new KeyException(
          "open PKCS#11 key "
              + uri
              + ": "
              + slots.size()
              + " tokens are labelled \""
              + label
              + "\" (expected one; add slot-id=<id> to the URI, one of "
              + slots
              + ")");
    }
    return slots.get(0);
  }

  /** Reads {@code pkcs11-tool --list-token-slots} output; package-private for tests. */
  static List<Long> parse(String output, String label) {
    List<Long> matches = new ArrayList<>();
    Long slot = null;
    for (String line : output.split("\r?\n")) {
      Matcher s = SLOT.matcher(line);
      if (s.matches()) {
        String hex = s.group(1);
        slot = hex.length() <= 15 ? Long.parseLong(hex, 16) : null;
        continue;
      }
      Matcher l = LABEL.matcher(line);
      if (slot != null && l.matches() && l.group(1).strip().equals(label)) {
        matches.add(slot);
        slot = null;
      }
    }
    return matches;
  }

  private String run(Path tool, Path module, String uri) throws KeyException {
    ProcessBuilder builder =
        new ProcessBuilder(tool.toString(), "--module", module.toString(), "--list-token-slots")
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new KeyException(
          Reason.IO, "open PKCS#11 key " + uri + ": cannot run " + tool + " to list tokens", e);
    }
    try (InputStream in = process.getInputStream()) {
      process.getOutputStream().close();
      byte[] output = readBounded(in);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new KeyException(
            Reason.IO,
            "open PKCS#11 key " + uri + ": " + TOOL + " did not finish listing tokens",
            null);
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new KeyException(
            Reason.KEY,
            "open PKCS#11 key "
                + uri
                + ": "
                + TOOL
                + " could not list the tokens of "
                + module
                + " (exit "
                + process.exitValue()
                + ": "
                + Pkcs11Uri.shorten(text.strip())
                + ")",
            null);
      }
      return text;
    } catch (IOException e) {
      throw new KeyException(Reason.IO, "open PKCS#11 key " + uri + ": reading " + TOOL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyException(Reason.IO, "open PKCS#11 key " + uri + ": interrupted", e);
    } finally {
      process.destroy();
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException, KeyException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > MAX_OUTPUT_BYTES) {
        throw new KeyException(
            Reason.LIMIT_EXCEEDED,
            "list PKCS#11 tokens: " + TOOL + " output exceeds " + MAX_OUTPUT_BYTES + " bytes",
            null);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private Optional<Path> findTool() {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      try {
        Path candidate = Path.of(dir, TOOL);
        if (!dir.isEmpty() && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (InvalidPathException e) {
        // a malformed PATH entry cannot hold the tool
      }
    }
    return Optional.empty();
  }
}
