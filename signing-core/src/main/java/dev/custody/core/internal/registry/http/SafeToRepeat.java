package dev.custody.core.internal.registry.http;

/**
 * Request tag saying "repeating this request has no side effect" for methods the retry layer would
 * otherwise leave alone, e.g. the OAuth2 token {@code POST} (FORMATS §2.10).
 */
public enum SafeToRepeat {
  /** The one value; attach with {@code request.newBuilder().tag(SafeToRepeat.class, YES)}. */
  YES
}
