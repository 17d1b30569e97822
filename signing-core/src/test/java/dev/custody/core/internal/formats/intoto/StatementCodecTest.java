package dev.custody.core.internal.formats.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementCodecTest {
  static final Digest M1 =
      Digest.parse("sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec");

  @Test
  void write_formatsStatement_matchesVectorByteForByte() {
    ObjectNode predicate = JsonNodeFactory.instance.objectNode().put("note", "hello");
    Statement statement =
        Statement.of(
            List.of(ResourceDescriptor.ofImage("registry.example.com/team/app", M1)),
            "https://custody.example/attestation/test/v1",
            predicate);

    assertEquals(Vectors.load("statement.json"), StatementCodec.write(statement));
  }

  @Test
  void parse_goldenStatement_exposesSubjectPredicateTypeAndTree() throws Exception {
    Statement s = StatementCodec.parse(Vectors.load("statement.json"));

    assertEquals(Statement.TYPE_V1, s.type());
    assertEquals("https://custody.example/attestation/test/v1", s.predicateType());
    assertEquals(Optional.of("registry.example.com/team/app"), s.subjects().get(0).name());
    assertTrue(s.hasSubject(M1));
    assertEquals("hello", s.at("/note").textValue());
  }

  @Test
  void hasSubject_nameAloneIsNotEvidence() throws Exception {
    Statement s = StatementCodec.parse(Vectors.load("statement.json"));
    Digest other = Digest.of(Bytes.utf8("other"));

    assertFalse(s.hasSubject(other));
  }

  @Test
  void parse_cosignV01TypeAndMissingPredicate_areAccepted() throws Exception {
    Statement s =
        StatementCodec.parse(
            Bytes.utf8(
                "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"digest\":"
                    + "{\"sha256\":\""
                    + M1.hex()
                    + "\"}}],\"predicateType\":\"x\"}"));

    assertEquals(Statement.TYPE_V01, s.type());
    assertEquals(0, s.predicate().size());
  }

  @Test
  void write_subjectAnnotations_followDigest() {
    Statement s =
        Statement.of(
            List.of(ResourceDescriptor.ofDigest(M1, Map.of("env", TextNode.valueOf("prod")))),
            PredicateTypes.COSIGN_SIGN_V1,
            JsonNodeFactory.instance.objectNode());

    assertEquals(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
            + M1.hex()
            + "\"},\"annotations\":{\"env\":\"prod\"}}],\"predicateType\":"
            + "\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}",
        StatementCodec.write(s).asUtf8());
  }

  private static void assertRefused(String json, String expected) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> StatementCodec.parse(Bytes.utf8(json)));
    assertTrue(e.getMessage().startsWith("read in-toto statement: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void parse_unknownType_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v9\",\"subject\":[],\"predicateType\":\"x\"}",
        "field _type: unsupported statement type");
  }

  @Test
  void parse_emptySubjects_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"x\"}",
        "field subject: must not be an empty array");
  }

  @Test
  void parse_subjectWithoutDigest_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\"}],"
            + "\"predicateType\":\"x\"}",
        "field subject[0].digest: missing");
  }

  @Test
  void parse_digestValueNotString_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":1}}],"
            + "\"predicateType\":\"x\"}",
        "field subject[0].digest.sha256: expected a string (got number)");
  }

  @Test
  void parse_predicateNotObject_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"a\":\"b\"}}],"
            + "\"predicateType\":\"x\",\"predicate\":[]}",
        "field predicate: expected an object (got array)");
  }

  @Test
  void parse_duplicateSubject_isRefused() {
    assertRefused(
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"subject\":[],"
            + "\"predicateType\":\"x\"}",
        "subject");
  }
}
