package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LinkHeaderProperties {
  @Property
  void parse_formatted_roundTrips(@ForAll("links") List<LinkHeader.Link> links) {
    assertEquals(links, LinkHeader.parse(List.of(LinkHeader.format(links))));
  }

  @Property
  void parse_anyString_neverThrows(@ForAll String header) {
    LinkHeader.parse(List.of(header));
    LinkHeader.next(List.of(header, header));
  }

  @Property
  void next_anyTargetWithNextRel_found(
      @ForAll("targets") String target, @ForAll("links") List<LinkHeader.Link> before) {
    List<LinkHeader.Link> all = new java.util.ArrayList<>();
    before.stream().filter(l -> !l.hasRel("next")).forEach(all::add);
    all.add(new LinkHeader.Link(target, Map.of("rel", "next")));
    assertEquals(Optional.of(target), LinkHeader.next(List.of(LinkHeader.format(all))));
  }

  @Provide
  Arbitrary<String> targets() {
    // Anything but '>' and surrounding whitespace (which the parser trims).
    return Arbitraries.strings()
        .withChars("abc/?&=;,\"\\ :%xyz0123")
        .ofMaxLength(40)
        .map(String::trim);
  }

  @Provide
  Arbitrary<List<LinkHeader.Link>> links() {
    Arbitrary<String> names =
        Arbitraries.strings().withChars("abcrelxyz-*").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> values = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<Map<String, String>> params =
        Arbitraries.maps(names, values).ofMaxSize(3).map(m -> new LinkedHashMap<>(m));
    Arbitrary<LinkHeader.Link> link =
        Combinators.combine(targets(), params).as(LinkHeader.Link::new);
    return link.list().ofMaxSize(4);
  }
}
