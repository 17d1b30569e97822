package dev.custody.core.internal.registry.http;

import java.util.Locale;
import okhttp3.HttpUrl;

/** How a registry host is named for credentials, tokens and policies: {@code host[:port]}. */
public final class RegistryHost {
  private RegistryHost() {}

  /**
   * Returns the key of {@code url}'s host: lower-case host, IPv6 literals in brackets, and the port
   * when it is not the scheme's default (as docker {@code config.json} keys are written).
   *
   * @param url the URL
   * @return e.g. {@code registry.example.com}, {@code localhost:5000}, {@code [::1]:5000}
   */
  public static String of(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** {@return whether both URLs address the same scheme, host and port} */
  public static boolean same(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  /**
   * Returns whether {@code host} (as {@link HttpUrl#host()} gives it) is a loopback name or literal:
   * {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}. No name is resolved.
   *
   * @param host the host
   * @return whether it is loopback
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
