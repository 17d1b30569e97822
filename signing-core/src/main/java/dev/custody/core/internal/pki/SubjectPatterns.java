package dev.custody.core.internal.pki;

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
 * Matches a certificate subject against a trusted signer's subject pattern as POLICY.md "Signers"
 * defines it: both are RFC 4514 DNs, compared in the JDK's canonical form RDN by RDN and attribute
 * by attribute (so keyword spelling, case and spacing do not matter, but the number and order of
 * RDNs do); a pattern value of exactly {@code *} matches any value of that attribute. The one rule
 * for every format (cosign, Notary, attestations) and for the policy engine when it matches
 * evidence to signers.
 */
public final class SubjectPatterns {
  private SubjectPatterns() {}

  /** {@return whether {@code subject} matches {@code pattern}; false if either is not a DN} */
  public static boolean matches(String pattern, String subject) {
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
        String[] pa = pr.get(j);
        String[] sa = sr.get(j);
        if (!pa[0].equals(sa[0]) || !(pa[1].equals("*") || pa[1].equals(sa[1]))) {
          return false;
        }
      }
    }
    return true;
  }

  private static Optional<List<List<String[]>>> parse(String dn) {
    try {
      String canonical = new X500Principal(dn).getName(X500Principal.CANONICAL);
      List<List<String[]>> rdns = new ArrayList<>();
      for (Rdn rdn : new LdapName(canonical).getRdns()) {
        List<String[]> attributes = new ArrayList<>();
        NamingEnumeration<? extends Attribute> all = rdn.toAttributes().getAll();
        while (all.hasMore()) {
          Attribute a = all.next();
          attributes.add(new String[] {a.getID(), String.valueOf(a.get())});
        }
        attributes.sort((x, y) -> x[0].compareTo(y[0]));
        rdns.add(attributes);
      }
      return Optional.of(rdns);
    } catch (IllegalArgumentException | InvalidNameException e) {
      return Optional.empty();
    } catch (NamingException e) {
      return Optional.empty();
    }
  }
}
