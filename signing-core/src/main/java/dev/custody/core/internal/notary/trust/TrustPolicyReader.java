package dev.custody.core.internal.notary.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reader for notation's OCI trust policy document, version 1.0 (FORMATS.md §5.7;
 * notation-go {@code verifier/trustpolicy/trustpolicy.go} and {@code oci.go}
 * {@code Document.Validate}). Everything notation-go rejects is rejected, with the same rule in
 * the message; in addition Custody refuses unknown members and {@code null}s (a misspelt
 * {@code "overide"} must not silently weaken verification) and trusted identities other than
 * {@code "*"} and {@code x509.subject:}, which only notation plugins could evaluate.
 *
 * <p>Every error is an {@link InvalidInputException} whose message names the member, e.g.
 * {@code read trust policy trustpolicy.json: trustPolicies[0].registryScopes: ...}.
 */
public final class TrustPolicyReader {
  /** Trust policies are small; a larger file is refused before parsing. */
  public static final int MAX_BYTES = 1024 * 1024;
  /** At most this many statements, scopes, stores or identities per list. */
  public static final int MAX_ENTRIES = 1000;

  private static final Set<String> DOCUMENT_MEMBERS = Set.of("version", "trustPolicies");
  private static final Set<String> STATEMENT_MEMBERS =
      Set.of(
          "name", "registryScopes", "signatureVerification", "trustStores", "trustedIdentities");
  private static final Set<String> VERIFICATION_MEMBERS =
      Set.of("level", "override", "verifyTimestamp");
  private static final String X509_SUBJECT = "x509.subject";

  private final String what;

  private TrustPolicyReader(String what) {
    this.what = what;
  }

  /**
   * Reads a trust policy file, at most {@link #MAX_BYTES}.
   *
   * @param file the file
   * @return the validated document
   * @throws InvalidInputException if the file is unreadable, too large or not a valid policy
   */
  public static TrustPolicyDocument read(Path file) throws InvalidInputException {
    String what = "trust policy " + file.getFileName();
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new InvalidInputException("read " + what + ": cannot read the file (" + e + ")", e);
    }
    if (content.length > MAX_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read " + what + ": file too large (expected at most " + MAX_BYTES + " bytes)");
    }
    return read(Bytes.of(content), what);
  }

  /**
   * Reads a trust policy document.
   *
   * @param content the exact bytes, at most {@link #MAX_BYTES}
   * @param what names the document in messages, e.g. {@code "trust policy trustpolicy.json"}
   * @return the validated document
   * @throws InvalidInputException if it is not valid JSON or breaks a rule; the message names the
   *     member
   */
  public static TrustPolicyDocument read(Bytes content, String what) throws InvalidInputException {
    if (content.size() > MAX_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read " + what + ": too large (expected at most " + MAX_BYTES + " bytes)");
    }
    return new TrustPolicyReader(what).document(Json.read(content, what));
  }

  private TrustPolicyDocument document(JsonNode root) throws InvalidInputException {
    object(root, "document");
    JsonNode version = root.get("version");
    if (version == null || !version.isTextual() || !version.textValue().equals("1.0")) {
      throw error(
          "version",
          "unsupported trust policy document version (expected \"1.0\", got "
              + shown(version)
              + ")");
    }
    JsonNode list = root.get("trustPolicies");
    array(list, "trustPolicies");
    if (list.isEmpty()) {
      throw error("trustPolicies", "the document has zero trust policy statements");
    }
    List<TrustPolicyStatement> statements = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      TrustPolicyStatement statement = statement(list.get(i), "trustPolicies[" + i + "]");
      if (!names.add(statement.name())) {
        throw error(
            "trustPolicies[" + i + "].name",
            "multiple trust policy statements use the same name \""
                + Truncate.of(statement.name())
                + "\"; statement names must be unique");
      }
      statements.add(statement);
    }
    checkScopesAcrossStatements(statements);
    unknownMembers(root, DOCUMENT_MEMBERS, "document");
    return new TrustPolicyDocument(statements);
  }

  private TrustPolicyStatement statement(JsonNode node, String at) throws InvalidInputException {
    object(node, at);
    JsonNode nameNode = node.get("name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
      throw error(at + ".name", "a trust policy statement is missing a name (got "
          + shown(nameNode) + ")");
    }
    String name = nameNode.textValue();
    SignatureVerification verification =
        signatureVerification(node.get("signatureVerification"), at + ".signatureVerification");
    List<String> stores = optionalStrings(node.get("trustStores"), at + ".trustStores");
    List<String> identities =
        optionalStrings(node.get("trustedIdentities"), at + ".trustedIdentities");
    List<TrustStoreRef> storeRefs = List.of();
    Optional<TrustedIdentities> trusted = Optional.empty();
    if (verification.level() == VerificationLevel.SKIP_LEVEL) {
      if (!stores.isEmpty() || !identities.isEmpty()) {
        throw error(
            at,
            "statement \""
                + Truncate.of(name)
                + "\" is set to skip signature verification but configured with trust stores"
                + " and/or trusted identities; remove them if verification is to be skipped");
      }
    } else {
      if (stores.isEmpty() || identities.isEmpty()) {
        throw error(
            at,
            "statement \""
                + Truncate.of(name)
                + "\" is either missing trust stores or trusted identities, both must be"
                + " specified");
      }
      storeRefs = trustStores(stores, at + ".trustStores");
      trusted = Optional.of(trustedIdentities(identities, at + ".trustedIdentities"));
    }
    List<String> scopes = registryScopes(node.get("registryScopes"), at + ".registryScopes");
    unknownMembers(node, STATEMENT_MEMBERS, at);
    return new TrustPolicyStatement(name, scopes, verification, storeRefs, trusted);
  }

  private SignatureVerification signatureVerification(JsonNode node, String at)
      throws InvalidInputException {
    object(node, at);
    JsonNode levelNode = node.get("level");
    if (levelNode == null || !levelNode.isTextual()) {
      throw error(at + ".level", "missing (expected strict, permissive, audit or skip, got "
          + shown(levelNode) + ")");
    }
    VerificationLevel level =
        VerificationLevel.fromJsonName(levelNode.textValue())
            .orElseThrow(
                () ->
                    error(
                        at + ".level",
                        "invalid signature verification level (expected strict, permissive,"
                            + " audit or skip, got "
                            + shown(levelNode)
                            + ")"));
    Map<Check, Action> overrides = new EnumMap<>(Check.class);
    JsonNode override = node.get("override");
    if (override != null) {
      object(override, at + ".override");
      if (level == VerificationLevel.SKIP_LEVEL && !override.isEmpty()) {
        throw error(
            at + ".override",
            "signature verification level \"skip\" cannot be used to customize signature"
                + " verification");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String field = at + ".override." + Truncate.of(e.getKey());
        Check check =
            Check.fromJsonName(e.getKey())
                .orElseThrow(
                    () ->
                        error(
                            field,
                            "verification type is not supported (expected authenticity,"
                                + " authenticTimestamp, expiry or revocation)"));
        if (check == Check.INTEGRITY) {
          throw error(
              field,
              "\"integrity\" verification can not be overridden in custom signature"
                  + " verification");
        }
        JsonNode value = e.getValue();
        Action action =
            (value.isTextual() ? Action.fromJsonName(value.textValue()) : Optional.<Action>empty())
                .orElseThrow(
                    () ->
                        error(
                            field,
                            "verification action is not supported (expected enforce, log or"
                                + " skip, got "
                                + shown(value)
                                + ")"));
        if (action == Action.SKIP && check != Check.REVOCATION) {
          throw error(
              field,
              "\"" + check.jsonName() + "\" verification can not be skipped in custom signature"
                  + " verification");
        }
        overrides.put(check, action);
      }
    }
    VerifyTimestamp verifyTimestamp = VerifyTimestamp.ALWAYS;
    JsonNode ts = node.get("verifyTimestamp");
    if (ts != null) {
      if (!ts.isTextual()
          || !(ts.textValue().equals("always") || ts.textValue().equals("afterCertExpiry"))) {
        throw error(
            at + ".verifyTimestamp",
            "invalid value (expected \"always\" or \"afterCertExpiry\", got " + shown(ts) + ")");
      }
      verifyTimestamp =
          ts.textValue().equals("always") ? VerifyTimestamp.ALWAYS : VerifyTimestamp.AFTER_CERT_EXPIRY;
    }
    unknownMembers(node, VERIFICATION_MEMBERS, at);
    return new SignatureVerification(level, overrides, verifyTimestamp);
  }

  private List<TrustStoreRef> trustStores(List<String> values, String at)
      throws InvalidInputException {
    List<TrustStoreRef> refs = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String field = at + "[" + i + "]";
      int colon = value.indexOf(':');
      if (colon < 0) {
        throw error(
            field,
            "malformed trust store value \""
                + Truncate.of(value)
                + "\"; the required format is <TrustStoreType>:<TrustStoreName>");
      }
      String type = value.substring(0, colon);
      String name = value.substring(colon + 1);
      TrustStoreType storeType =
          TrustStoreType.fromName(type)
              .orElseThrow(
                  () ->
                      error(
                          field,
                          "unsupported trust store type \""
                              + Truncate.of(type)
                              + "\" (expected ca, signingAuthority or tsa)"));
      if (!TrustStoreRef.isValidName(name)) {
        throw error(
            field,
            "unsupported trust store name \""
                + Truncate.of(name)
                + "\"; names must match [a-zA-Z0-9_.-]+");
      }
      // notation-go has no duplicate check; a repeated store is loaded once (helpers.go).
      refs.add(new TrustStoreRef(storeType, name));
    }
    return refs;
  }

  private TrustedIdentities trustedIdentities(List<String> values, String at)
      throws InvalidInputException {
    List<DistinguishedName> subjects = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    boolean wildcard = false;
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String field = at + "[" + i + "]";
      if (value.isBlank()) {
        throw error(field, "empty trusted identity");
      }
      if (value.equals("*")) {
        wildcard = true;
        continue;
      }
      int colon = value.indexOf(':');
      if (colon < 0) {
        throw error(
            field,
            "trusted identity \"" + Truncate.of(value) + "\" is missing the separator ':'");
      }
      String prefix = value.substring(0, colon);
      String dn = value.substring(colon + 1);
      if (!prefix.equals(X509_SUBJECT)) {
        throw error(
            field,
            "unsupported trusted identity type \""
                + Truncate.of(prefix)
                + "\" (expected \"*\" or x509.subject: <DN>)");
      }
      if (dn.isBlank()) {
        throw error(field, "trusted identity \"" + Truncate.of(value) + "\" has no value");
      }
      try {
        subjects.add(DistinguishedName.parse(dn));
      } catch (InvalidInputException e) {
        throw error(field, "invalid identity value: " + e.getMessage());
      }
      raw.add(value);
    }
    if (wildcard && (values.size() > 1)) {
      throw error(
          at, "wildcard trusted identity \"*\" cannot be used in conjunction with other values");
    }
    if (wildcard) {
      return TrustedIdentities.anyIdentity();
    }
    // notation-go trustpolicy.go validateOverlappingDNs: no DN may be a subset of another.
    for (int i = 0; i < subjects.size(); i++) {
      for (int j = i + 1; j < subjects.size(); j++) {
        if (subjects.get(i).isSubsetOf(subjects.get(j))
            || subjects.get(j).isSubsetOf(subjects.get(i))) {
          throw error(
              at,
              "overlapping x509 trusted identities \""
                  + Truncate.of(raw.get(i))
                  + "\" and \""
                  + Truncate.of(raw.get(j))
                  + "\"");
        }
      }
    }
    return new TrustedIdentities(false, subjects);
  }

  private List<String> registryScopes(JsonNode node, String at) throws InvalidInputException {
    List<String> scopes = optionalStrings(node, at);
    if (scopes.isEmpty()) {
      throw error(at, "zero registry scopes; a statement must list at least one");
    }
    if (scopes.size() > 1 && scopes.contains(RegistryScopes.WILDCARD)) {
      throw error(
          at, "wildcard scope \"*\" cannot be used in conjunction with other scope values");
    }
    for (int i = 0; i < scopes.size(); i++) {
      String scope = scopes.get(i);
      if (!scope.equals(RegistryScopes.WILDCARD) && !RegistryScopes.isValid(scope)) {
        throw error(
            at + "[" + i + "]",
            "registry scope \""
                + Truncate.of(scope)
                + "\" is not valid; use a fully qualified repository without scheme, tag or"
                + " digest (e.g. domain.com/my/repository) or a local scope such as local/e2e");
      }
    }
    return scopes;
  }

  // notation-go oci.go validateRegistryScopes: every scope value, counted over all statements
  // (and within one), may appear only once.
  private void checkScopesAcrossStatements(List<TrustPolicyStatement> statements)
      throws InvalidInputException {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      for (String scope : statements.get(i).registryScopes()) {
        if (seen.put(scope, i) != null) {
          throw error(
              "trustPolicies[" + i + "].registryScopes",
              "registry scope \""
                  + Truncate.of(scope)
                  + "\" is present in multiple trust policy statements; one registry scope"
                  + " can only be associated with one statement");
        }
      }
    }
  }

  private List<String> optionalStrings(JsonNode node, String at) throws InvalidInputException {
    if (node == null) {
      return List.of();
    }
    array(node, at);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        throw error(at + "[" + i + "]", "expected a string, got " + shown(item));
      }
      out.add(item.textValue());
    }
    return out;
  }

  private void object(JsonNode node, String at) throws InvalidInputException {
    if (node == null || !node.isObject()) {
      throw error(at, "expected an object, got " + shown(node));
    }
  }

  private void array(JsonNode node, String at) throws InvalidInputException {
    if (node == null || !node.isArray()) {
      throw error(at, "expected an array, got " + shown(node));
    }
    if (node.size() > MAX_ENTRIES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read " + what + ": " + at + ": too many entries (expected at most " + MAX_ENTRIES
              + ", got " + node.size() + ")");
    }
  }

  private void unknownMembers(JsonNode node, Set<String> known, String at)
      throws InvalidInputException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw error(at + "." + Truncate.of(field), "unknown member (expected one of "
            + new java.util.TreeSet<>(known) + ")");
      }
    }
  }

  private static String shown(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "\"" + Truncate.of(node.textValue()) + "\"";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private InvalidInputException error(String field, String problem) {
    return new InvalidInputException("read " + what + ": " + field + ": " + problem);
  }
}
