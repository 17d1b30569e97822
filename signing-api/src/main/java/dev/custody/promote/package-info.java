/**
 * Promotion: copying an image between repositories with its whole custody and adding a signed
 * promotion attestation ({@code https://custody.dev/attestation/promotion/v1}, POLICY.md "Custody's
 * own predicates") on the destination, so that a policy can require "came through staging".
 */
package dev.custody.promote;
