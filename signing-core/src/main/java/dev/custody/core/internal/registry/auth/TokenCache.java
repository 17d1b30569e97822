package dev.custody.core.internal.registry.auth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens per (registry host, sorted scope set), kept until they expire (FORMATS §2.10 step
 * 5), so requests do not fetch a token each. Bounded: past {@value #MAX_ENTRIES} entries, expired
 * ones are dropped, then all. Thread-safe.
 */
final class TokenCache {
  static final int MAX_ENTRIES = 1024;

  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  static String key(String host, Set<String> scopes) {
    return host + " " + String.join(" ", scopes);
  }

  Optional<Token> get(String key) {
    Token token = tokens.get(key);
    if (token == null) {
      return Optional.empty();
    }
    if (!token.isValidAt(clock.instant())) {
      tokens.remove(key, token);
      return Optional.empty();
    }
    return Optional.of(token);
  }

  void put(String key, Token token) {
    if (tokens.size() >= MAX_ENTRIES) {
      tokens.values().removeIf(t -> !t.isValidAt(clock.instant()));
      if (tokens.size() >= MAX_ENTRIES) {
        tokens.clear();
      }
    }
    tokens.put(key, token);
  }

  void remove(String key) {
    tokens.remove(key);
  }
}
