/**
 * The transport under registry calls: timeouts, retries with backoff for requests that are safe to
 * repeat, HTTPS by default with lazily built TLS and an optional CA bundle, plain HTTP only for
 * loopback or allowed hosts, redacted logging, bounded body reads. Knows nothing about
 * authentication.
 */
package dev.custody.core.internal.registry.http;
