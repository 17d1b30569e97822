package dev.custody.core.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Matches a certificate subject against a signer's subject pattern (POLICY.md "Signers"): both
 * are RFC 4514 DNs, brought to the JDK's canonical form (attribute keywords and case normalised)
 * and compared RDN by RDN, attribute by attribute; a pattern value of exactly {@code *} matches any
 * value. Whole-string: the number and order of RDNs must agree.
 */
final class DistinguishedNames {
  private DistinguishedNames() {}

  /** {@return whether {@code subject} matches {@code pattern}; false if either is not a DN} */
  static boolean matches(String pattern, String subject) {
    Optional<List<List<String[]>>> p = parse(pattern);
    Optional<List<List<String[]>>> s = parse(subject);
    if (p.isEmpty() || s.isEmpty() || p.get().size() != s.get().size()) {
      return false;
    }
    for (int i = 0; i < p.get().size(); i++) {
      List<String[]> pr = p.get().get(i);
      List<String[]> sr = s.get().get(i);
      if (pr.size() != sr.size()) {
        return false;
      }
      for (int j = 0; j < pr.size(); j++) {
        if (!pr.get(j)[0].equals(sr.get(j)[0])) {
          return false;
        }
        if (!pr.get(j)[1].equals("*") && !pr.get(j)[1].equals(sr.get(j)[1])) {
          return false;
        }
      }
    }
    return true;
  }

  private static Optional<List<List<String[]>>> parse(String dn) {
    try {
      String canonical = new X500Principal(dn).getName(X500Principal.CANONICAL);
      List<List<String[]>> out = new ArrayList<>();
      for (Rdn rdn : new LdapName(canonical).getRdns()) {
        List<String[]> attributes = new ArrayList<>();
        NamingEnumeration<? extends Attribute> all = rdn.toAttributes().getAll();
        while (all.hasMore()) {
          Attribute a = all.next();
          attributes.add(new String[] {a.getID(), String.valueOf(a.get())});
        }
        attributes.sort((x, y) -> x[0].compareTo(y[0]));
        out.add(attributes);
      }
      return Optional.of(out);
    } catch (IllegalArgumentException | InvalidNameException e) {
      return Optional.empty();
    } catch (NamingException e) {
      return Optional.empty();
    }
  }
}
