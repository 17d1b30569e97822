package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void next_distributionTagsLink_targetVerbatim() {
    assertEquals(
        Optional.of("/v2/team/app/tags/list?last=v1&n=2&orderby="),
        LinkHeader.next(List.of("</v2/team/app/tags/list?last=v1&n=2&orderby=>; rel=\"next\"")));
  }

  @Test
  void next_relAmongSeveralTypesAndUnquoted_found() {
    assertEquals(
        Optional.of("/b"),
        LinkHeader.next(List.of("</a>; rel=prev, </b>; REL=\"last next\"; title=\"x, y; z\"")));
  }

  @Test
  void next_commaInsideTarget_notSplit() {
    assertEquals(Optional.of("/p?x=a,b"), LinkHeader.next(List.of("</p?x=a,b>; rel=\"next\"")));
  }

  @Test
  void next_secondHeaderLine_found() {
    assertEquals(
        Optional.of("/two"),
        LinkHeader.next(List.of("</one>; rel=\"prev\"", "</two>; rel=\"next\"")));
  }

  @Test
  void parse_malformedValueSkipped_restKept() {
    List<LinkHeader.Link> links =
        LinkHeader.parse(List.of("garbage; rel=next, </ok>; rel=\"next\", <unterminated"));
    assertEquals(List.of(new LinkHeader.Link("/ok", Map.of("rel", "next"))), links);
  }

  @Test
  void parse_escapedQuote_unescaped() {
    List<LinkHeader.Link> links =
        LinkHeader.parse(List.of("</x>; title=\"a \\\"b\\\"\"; rel=next"));
    assertEquals("a \"b\"", links.get(0).parameters().get("title"));
    assertTrue(links.get(0).hasRel("next"));
  }

  @Test
  void next_noNextRel_empty() {
    assertEquals(Optional.empty(), LinkHeader.next(List.of("</a>; rel=\"prev\"", "")));
  }
}
