/**
 * in-toto Statement v1 and the predicates Custody builds and checks (FORMATS.md §6.1–§6.6,
 * POLICY.md "Custody's own predicates"). Predicates are kept as JSON trees; the typed classes here
 * build them in a fixed key order and validate the required fields of ones read back.
 */
package dev.custody.core.internal.formats.intoto;
