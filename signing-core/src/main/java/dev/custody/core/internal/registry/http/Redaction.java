package dev.custody.core.internal.registry.http;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Hides secrets in what Custody logs or puts in messages: credential-bearing headers, and query
 * values other than the registry protocol's own (a redirect to storage carries signed URLs whose
 * query is a credential, e.g. S3 {@code X-Amz-Signature} or Azure {@code sig}).
 */
public final class Redaction {
  /** What stands for a hidden value. */
  public static final String MASK = "██";

  private static final Set<String> PUBLIC_QUERY =
      Set.of("n", "last", "digest", "mount", "from", "service", "scope", "tag", "artifacttype",
          "digest-algorithm");
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-registry-auth");

  private Redaction() {}

  /** {@return {@code url} without userinfo and with non-protocol query values masked} */
  public static String url(HttpUrl url) {
    StringBuilder out = new StringBuilder(url.newBuilder().username("").password("").query(null).build().toString());
    String sep = "?";
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      out.append(sep).append(encode(name));
      if (value != null) {
        out.append('=').append(PUBLIC_QUERY.contains(name.toLowerCase(Locale.ROOT)) ? encode(value) : MASK);
      }
      sep = "&";
    }
    return out.toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@return whether a header of this name may carry a secret} */
  public static boolean isSecretHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return SECRET_HEADERS.contains(n)
        || (!n.equals("www-authenticate")
            && (n.contains("token") || n.contains("secret") || n.contains("auth")
                || n.contains("signature") || n.contains("credential")));
  }

  /**
   * Returns a header value safe to log: the scheme of an {@code Authorization} value (so logs show
   * whether Basic or Bearer was sent), a mask for other secret headers, and a redacted URL for
   * {@code Location}.
   *
   * @param name the header name
   * @param value its value
   * @return the loggable value
   */
  public static String header(String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("authorization") || n.equals("proxy-authorization")) {
      int space = value.indexOf(' ');
      return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
    }
    if (isSecretHeader(n)) {
      return MASK;
    }
    if (n.equals("location") || n.equals("content-location")) {
      HttpUrl parsed = HttpUrl.parse(value);
      if (parsed != null) {
        return url(parsed);
      }
      int q = value.indexOf('?');
      return q < 0 ? value : value.substring(0, q) + "?" + MASK;
    }
    return value;
  }
}
