package dev.custody.core.internal.notary.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.InvalidInputException;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class DistinguishedNameTest {
  @Test
  void parse_orderAndSpacesDoNotMatter() throws Exception {
    DistinguishedName a = DistinguishedName.parse("C=AU, ST=Some-State, O=Internet Widgits Pty Ltd");
    DistinguishedName b = DistinguishedName.parse("O=Internet Widgits Pty Ltd,ST=Some-State,C=AU");

    assertEquals(a, b);
    assertEquals("Internet Widgits Pty Ltd", a.attributes().get("O"));
  }

  @Test
  void parse_sIsAliasForSt() throws Exception {
    assertEquals("WA", DistinguishedName.parse("C=US,S=WA,O=x").attributes().get("ST"));
  }

  @Test
  void parse_escapes_unescaped() throws Exception {
    DistinguishedName dn = DistinguishedName.parse("C=US,ST=WA,O=Acme\\, Inc.\\20,CN=a\\2Bb");

    assertEquals("Acme, Inc. ", dn.attributes().get("O"));
    assertEquals("a+b", dn.attributes().get("CN"));
  }

  @Test
  void parse_multiValuedRdn_rejected() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class,
            () -> DistinguishedName.parse("C=US+ST=WA,O=x"));

    assertTrue(e.getMessage().contains("multi-valued"), e.getMessage());
  }

  @Test
  void parse_repeatedAttribute_rejected() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class,
            () -> DistinguishedName.parse("C=US,ST=WA,O=x,O=y"));

    assertTrue(e.getMessage().contains("the attribute O more than once"), e.getMessage());
  }

  @Test
  void parse_trailingSeparator_rejected() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DistinguishedName.parse("C=US,ST=WA,O=x,"));

    assertTrue(e.getMessage().contains("ends with a separator"), e.getMessage());
  }

  @Test
  void ofPrincipal_readsAttributesRegardlessOfDerOrder() throws Exception {
    DistinguishedName a = DistinguishedName.of(new X500Principal("C=AU,ST=Some-State,O=W"));
    DistinguishedName b = DistinguishedName.of(new X500Principal("O=W,ST=Some-State,C=AU"));

    assertEquals(a, b);
  }

  @Test
  void isSubsetOf_comparesListedAttributesExactly() throws Exception {
    DistinguishedName leaf =
        new DistinguishedName(Map.of("CN", "e2e", "O", "Notary", "L", "Seattle", "ST", "WA",
            "C", "US"));

    assertTrue(DistinguishedName.parse("C=US,ST=WA,O=Notary").isSubsetOf(leaf));
    assertFalse(DistinguishedName.parse("C=USB,ST=WA,O=Notary").isSubsetOf(leaf));
    assertFalse(DistinguishedName.parse("C=US,ST=WA,O=notary").isSubsetOf(leaf));
  }
}
