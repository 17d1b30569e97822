package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {
  @TempDir Path dir;

  static String ask(PasswordSource source) throws KeyException {
    return source.password("decrypt k").map(String::new).orElse("<none>");
  }

  @Test
  void environment_custodyPasswordWinsOverCosignPassword() throws Exception {
    assertEquals("a", ask(PasswordSource.environment(Map.of("CUSTODY_PASSWORD", "a", "COSIGN_PASSWORD", "b"))));
    assertEquals("b", ask(PasswordSource.environment(Map.of("COSIGN_PASSWORD", "b"))));
    assertEquals("<none>", ask(PasswordSource.environment(Map.of("HOME", "/root"))));
  }

  @Test
  void environment_presentButEmpty_isEmptyPassword() throws Exception {
    assertEquals("", ask(PasswordSource.environment(Map.of("CUSTODY_PASSWORD", "", "COSIGN_PASSWORD", "b"))));
  }

  @Test
  void standard_fallsBackToPromptThenFallback() throws Exception {
    PasswordSource prompt = purpose -> Optional.of(("prompted for " + purpose).toCharArray());
    assertEquals("prompted for decrypt k", ask(PasswordSource.standard(Map.of(), prompt, PasswordSource.none())));
    assertEquals(
        "from file",
        ask(PasswordSource.standard(Map.of(), PasswordSource.none(), PasswordSource.fixed("from file".toCharArray()))));
    assertEquals("env", ask(PasswordSource.standard(Map.of("COSIGN_PASSWORD", "env"), prompt, PasswordSource.none())));
  }

  @Test
  void file_readsFirstLineWithoutLineBreak() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "s3cret pass\r\nsecond line\n");
    assertEquals("s3cret pass", ask(PasswordSource.file(file)));
  }

  @Test
  void file_missing_failsNamingFileOnly() {
    Path file = dir.resolve("missing");
    KeyException e = assertThrows(KeyException.class, () -> PasswordSource.file(file).password("x"));
    assertEquals(Reason.IO, e.reason());
    assertEquals("read password file " + file + ": NoSuchFileException", e.getMessage());
  }

  @Test
  void stream_tooLong_refused() {
    byte[] huge = "a".repeat(PasswordSource.MAX_PASSWORD_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    KeyException e =
        assertThrows(KeyException.class, () -> PasswordSource.stream(new ByteArrayInputStream(huge)).password("x"));
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
  }

  @Test
  void stream_utf8_decoded() throws Exception {
    byte[] input = "pässwörd\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("pässwörd", ask(PasswordSource.stream(new ByteArrayInputStream(input))));
  }

  @Test
  void fixed_handsOutFreshCopies_andRedactsToString() throws Exception {
    char[] original = "hunter2".toCharArray();
    PasswordSource source = PasswordSource.fixed(original);
    java.util.Arrays.fill(original, '\0');
    char[] first = source.password("x").orElseThrow();
    char[] second = source.password("x").orElseThrow();
    assertNotSame(first, second);
    java.util.Arrays.fill(first, '\0');
    assertArrayEquals("hunter2".toCharArray(), second);
    assertFalse(source.toString().contains("hunter2"));
    assertTrue(source.toString().contains("redacted"));
  }
}
