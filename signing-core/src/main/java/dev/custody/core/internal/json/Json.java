package dev.custody.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import java.io.IOException;

/**
 * The one hardened Jackson mapper. Every JSON document Custody reads from outside (manifests,
 * envelopes, statements, registry responses, policies) goes through {@link #read}, which rejects
 * duplicate keys (I-JSON), trailing tokens, deep nesting and oversized values. No other
 * {@link ObjectMapper} is created in Custody.
 */
public final class Json {
  /** Nesting deeper than this is refused; real manifests and statements stay far below it. */
  public static final int MAX_DEPTH = 64;
  /** The largest single string value accepted (8 MiB; a base64 DSSE payload fits). */
  public static final int MAX_STRING_LENGTH = 8 * 1024 * 1024;

  private static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /** {@return the shared mapper, for writing; read untrusted input with {@link #read}} */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses untrusted JSON into a tree.
   *
   * @param content the exact bytes
   * @param what what is being read, for the error message (e.g. "manifest sha256:…")
   * @return the root node
   * @throws InvalidInputException naming {@code what} and the parser's complaint
   */
  public static JsonNode read(Bytes content, String what) throws InvalidInputException {
    try {
      JsonNode node = MAPPER.readTree(content.toByteArray());
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException("read " + what + ": empty document");
      }
      return node;
    } catch (IOException e) {
      throw new InvalidInputException(
          "read " + what + ": malformed JSON: " + firstLine(originalMessage(e)), e);
    }
  }

  /**
   * Serialises a value compactly as UTF-8 (no HTML escaping, fields in declaration order).
   *
   * @param value a tree or a plain object
   * @return the bytes
   */
  public static Bytes write(Object value) {
    try {
      return Bytes.of(MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String originalMessage(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage();
    }
    return e.getMessage();
  }
}
