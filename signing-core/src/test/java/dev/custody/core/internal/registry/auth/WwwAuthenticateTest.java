package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WwwAuthenticateTest {

  @Test
  void parse_distributionBearerChallenge_givesRealmServiceScope() throws Exception {
    List<Challenge> c = WwwAuthenticate.parse(
        "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull,push\"");
    assertEquals(1, c.size());
    assertTrue(c.get(0).isScheme("bearer"));
    assertEquals(Optional.of("https://auth.example.com/token"), c.get(0).param("realm"));
    assertEquals(Optional.of("registry.example.com"), c.get(0).param("service"));
    assertEquals(Optional.of("repository:team/app:pull,push"), c.get(0).param("scope"));
  }

  @Test
  void parse_multipleChallengesWithCommasAndEscapesInQuotes_keepsThemApart() throws Exception {
    List<Challenge> c = WwwAuthenticate.parse(
        "Basic realm=\"a, \\\"quoted\\\" b\", Bearer REALM=tok , scope=\"x y\",, Negotiate abc==");
    assertEquals(3, c.size());
    assertEquals(Map.of("realm", "a, \"quoted\" b"), c.get(0).params());
    assertEquals(Map.of("realm", "tok", "scope", "x y"), c.get(1).params());
    assertEquals(Optional.of("abc=="), c.get(2).token68());
  }

  @Test
  void parse_schemeAlone_hasNoParameters() throws Exception {
    List<Challenge> c = WwwAuthenticate.parse("Basic");
    assertEquals(List.of(Challenge.of("Basic", Map.of())), c);
  }

  @Test
  void parse_unterminatedQuote_throwsWithoutEchoingInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> WwwAuthenticate.parse("Bearer realm=\"secret-ish"));
    assertTrue(e.getMessage().startsWith("parse WWW-Authenticate: unterminated quoted string"), e.getMessage());
    assertFalse(e.getMessage().contains("secret-ish"));
  }

  @Test
  void parse_emptyValue_throwsNoChallenge() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> WwwAuthenticate.parse(" , "));
    assertEquals("parse WWW-Authenticate: no challenge", e.getMessage());
  }

  @Test
  void hostAuth_prefersBearerOverBasic_andSplitsScopes() {
    HostAuth auth = HostAuth.from(List.of(
        "Basic realm=\"r\"",
        "Bearer realm=\"https://a.example/token\",service=\"s\",scope=\"repository:a:pull repository:b:push\"")).orElseThrow();
    assertTrue(auth.bearer());
    assertEquals("https://a.example/token", auth.realm().orElseThrow().toString());
    assertEquals(java.util.Set.of("repository:a:pull", "repository:b:push"), auth.scopes());
  }

  @Test
  void merge_sameRepositoryTwice_unionsActions_andKeepsHostPortInName() {
    assertEquals(
        java.util.Set.of("repository:localhost:5000/a:pull,push", "repository:b:pull"),
        RegistryScopes.merge(List.of("repository:localhost:5000/a:pull", "repository:b:pull repository:localhost:5000/a:push")));
  }
}
