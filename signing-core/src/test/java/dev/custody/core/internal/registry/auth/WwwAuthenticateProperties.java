package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WwwAuthenticateProperties {

  @Property(tries = 500)
  void parse_ofFormat_givesTheChallengesBack(@ForAll("challenges") List<Challenge> challenges) throws Exception {
    assertEquals(challenges, WwwAuthenticate.parse(WwwAuthenticate.format(challenges)));
  }

  @Property(tries = 1000)
  void parse_arbitraryInput_throwsOnlyInvalidInput(@ForAll("headerish") String input) {
    try {
      WwwAuthenticate.parse(input);
    } catch (InvalidInputException expected) {
      // the one documented failure
    }
  }

  @Provide
  Arbitrary<String> headerish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings().withChars("Bearer realm=\"\\, \t=abc").ofMaxLength(60));
  }

  @Provide
  Arbitrary<List<Challenge>> challenges() {
    return challenge().list().ofMinSize(1).ofMaxSize(4);
  }

  private Arbitrary<Challenge> challenge() {
    Arbitrary<String> scheme = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withChars("!#$%&'*+-.^_`|~0123456789").ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars("-_0123456789")
        .ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').withChars("\t\u00e9\u4e2d")
        .ofMaxLength(30);
    Arbitrary<Map<String, String>> params = Arbitraries.maps(name, value).ofMaxSize(4);
    Arbitrary<String> token68 = Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-._~+/").ofMinLength(1).ofMaxLength(20),
            Arbitraries.integers().between(0, 2))
        .as((t, pad) -> t + "=".repeat(pad));
    Arbitrary<Challenge> withParams = Combinators.combine(scheme, params).as(Challenge::of);
    Arbitrary<Challenge> withToken = Combinators.combine(scheme, token68)
        .as((s, t) -> new Challenge(s, Optional.of(t), Map.of()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, withParams), net.jqwik.api.Tuple.of(1, withToken));
  }
}
