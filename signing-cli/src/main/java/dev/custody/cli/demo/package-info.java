/**
 * The pieces of {@code custody demo}: a tiny image written through the public store API, the
 * demo's predicates and policy, and a text rendering of its custody reports.
 */
package dev.custody.cli.demo;
