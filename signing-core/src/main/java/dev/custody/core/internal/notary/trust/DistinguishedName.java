package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import dev.custody.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A distinguished name as notation compares them: a map from attribute type to value, each type at
 * most once, no multi-valued RDNs, and at least {@code C}, {@code ST} (or its alias {@code S}) and
 * {@code O}. Order does not matter: {@code O=a,ST=b,C=c} equals {@code C=c,ST=b,O=a}.
 *
 * <p>Source: notation-go {@code internal/pkix/pkix.go} ({@code ParseDistinguishedName},
 * {@code IsSubsetDN}); FORMATS.md §5.7 (trustedIdentities). Attribute types compare
 * case-insensitively (Custody upper-cases them), values exactly, after RFC 4514 unescaping.
 *
 * @param attributes attribute type (upper case) to value
 */
public record DistinguishedName(Map<String, String> attributes) {
  private static final String[] MANDATORY = {"C", "ST", "O"};

  /** Copies. */
  public DistinguishedName {
    attributes = Map.copyOf(attributes);
  }

  /**
   * Parses an RFC 4514 string such as {@code CN=e2e,O=Notary,L=Seattle,ST=WA,C=US}.
   *
   * @param text the DN
   * @return the parsed name
   * @throws InvalidInputException if it is malformed, has a multi-valued or repeated attribute,
   *     or lacks C, ST or O; the message quotes the DN
   */
  public static DistinguishedName parse(String text) throws InvalidInputException {
    requireNonNull(text, "text");
    Map<String, String> map = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    if (text.isBlank()) {
      throw invalid(text, "it is empty");
    }
    while (i < n) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw invalid(text, "an attribute has no '='");
      }
      String type = text.substring(i, eq).trim().toUpperCase(Locale.ROOT);
      if (type.isEmpty() || !type.matches("[A-Z][A-Z0-9-]*|[0-9]+(\\.[0-9]+)+")) {
        throw invalid(text, "attribute type '" + Truncate.of(type) + "' is not valid");
      }
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      int j = eq + 1;
      // leading spaces of a value are not part of it (RFC 4514 §3 allows none; ldap tolerates)
      while (j < n && text.charAt(j) == ' ') {
        j++;
      }
      int lastSignificant = 0; // length of value up to its last escaped or non-space character
      char end = 0;
      while (j < n) {
        char c = text.charAt(j);
        if (c == ',' || c == '+' || c == ';') {
          end = c;
          break;
        }
        if (c == '\\') {
          if (j + 1 >= n) {
            throw invalid(text, "it ends in an unfinished escape");
          }
          char next = text.charAt(j + 1);
          if (isHex(next) && j + 2 < n && isHex(text.charAt(j + 2))) {
            value.write(Integer.parseInt(text.substring(j + 1, j + 3), 16));
            j += 3;
          } else if ("\\ \"#+,;<=>".indexOf(next) >= 0) {
            value.write(next);
            j += 2;
          } else {
            throw invalid(text, "it has an invalid escape '\\" + next + "'");
          }
          lastSignificant = value.size();
          continue;
        }
        if (c == '"') {
          throw invalid(text, "quoted values are not supported");
        }
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && j + 1 < n) {
          utf8 = text.substring(j, j + 2).getBytes(StandardCharsets.UTF_8);
          j++;
        }
        value.write(utf8, 0, utf8.length);
        if (c != ' ') {
          lastSignificant = value.size();
        }
        j++;
      }
      if (end == '+') {
        throw invalid(text, "it has multi-valued RDN attributes, which are not supported");
      }
      byte[] raw = value.toByteArray();
      String v = new String(raw, 0, lastSignificant, StandardCharsets.UTF_8);
      put(map, type, v, text);
      i = j + 1;
      if (end != 0 && i >= n) {
        throw invalid(text, "it ends with a separator");
      }
    }
    return withMandatory(map, text);
  }

  /**
   * The subject of a certificate, read attribute by attribute from its DER.
   *
   * @param principal the subject
   * @return the parsed name
   * @throws InvalidInputException if the subject has a multi-valued or repeated attribute or
   *     lacks C, ST or O (notation parses the leaf's subject with the same rules)
   */
  public static DistinguishedName of(X500Principal principal) throws InvalidInputException {
    X500Name name = X500Name.getInstance(principal.getEncoded());
    Map<String, String> map = new LinkedHashMap<>();
    String shown = principal.getName(X500Principal.RFC2253);
    for (RDN rdn : name.getRDNs()) {
      if (rdn.isMultiValued()) {
        throw invalid(shown, "it has multi-valued RDN attributes, which are not supported");
      }
      AttributeTypeAndValue atv = rdn.getFirst();
      put(map, shortName(atv.getType()), valueText(atv.getValue()), shown);
    }
    return withMandatory(map, shown);
  }

  /** {@return whether every attribute of this name has the same value in {@code other}} */
  public boolean isSubsetOf(DistinguishedName other) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!e.getValue().equals(other.attributes.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static void put(Map<String, String> map, String type, String value, String text)
      throws InvalidInputException {
    String key = type.equals("S") ? "ST" : type; // S is an alias for ST (notation-go pkix.go)
    if (map.containsKey(key)) {
      throw invalid(text, "it has the attribute " + key + " more than once");
    }
    map.put(key, value);
  }

  private static DistinguishedName withMandatory(Map<String, String> map, String text)
      throws InvalidInputException {
    for (String field : MANDATORY) {
      String value = map.get(field);
      if (value == null || value.isEmpty()) {
        throw invalid(
            text,
            "no mandatory RDN attribute for \""
                + field
                + "\" (C, ST or S, and O are required)");
      }
    }
    return new DistinguishedName(map);
  }

  // Go's pkix.Name.String() names these attributes; others appear as dotted OIDs.
  private static String shortName(ASN1ObjectIdentifier oid) {
    switch (oid.getId()) {
      case "2.5.4.3":
        return "CN";
      case "2.5.4.5":
        return "SERIALNUMBER";
      case "2.5.4.6":
        return "C";
      case "2.5.4.7":
        return "L";
      case "2.5.4.8":
        return "ST";
      case "2.5.4.9":
        return "STREET";
      case "2.5.4.10":
        return "O";
      case "2.5.4.11":
        return "OU";
      case "2.5.4.17":
        return "POSTALCODE";
      default:
        return oid.getId();
    }
  }

  private static String valueText(ASN1Encodable value) {
    if (value instanceof ASN1String) {
      return ((ASN1String) value).getString();
    }
    return value.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static InvalidInputException invalid(String text, String problem) {
    return new InvalidInputException(
        "parse distinguished name \"" + Truncate.of(text) + "\": " + problem);
  }
}
