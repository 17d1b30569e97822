package dev.custody.examples.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a remote signing service (a cloud KMS, a signing server in front of an HSM): it
 * holds EC P-256 keys that never leave it and offers two operations over HTTP on 127.0.0.1:
 *
 * <ul>
 *   <li>{@code GET /keys/NAME}: the public key as a PEM {@code PUBLIC KEY} block;
 *   <li>{@code POST /keys/NAME/sign} with a 32-byte SHA-256 digest as the body: the ECDSA
 *       signature of that digest, ASN.1 DER.
 * </ul>
 *
 * <p>Like real services it signs digests, so the content (which may be large) never travels.
 * Closing it stops the server. Thread-safe.
 */
public final class SigningService implements AutoCloseable {
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
  private final HttpServer server;

  private SigningService(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts the service on a free port of 127.0.0.1.
   *
   * @return the running service
   * @throws IOException if no port can be bound
   */
  public static SigningService start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    SigningService service = new SigningService(server);
    server.createContext("/keys/", service::serve);
    server.start();
    return service;
  }

  /**
   * Creates a key named {@code name} inside the service.
   *
   * @param name the key's name, letters, digits and dashes
   * @return the {@code remote:} key reference that {@link RemoteKeyProvider} opens
   * @throws GeneralSecurityException if the JDK cannot generate EC P-256 keys
   */
  public String createKey(String name) throws GeneralSecurityException {
    if (!name.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("key name must be letters, digits and dashes (got " + name + ")");
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keys.put(name, generator.generateKeyPair());
    return RemoteKeyProvider.SCHEME + ":" + uri(name);
  }

  /**
   * {@return the URI of the key {@code name}}
   *
   * @param name the key's name
   */
  public URI uri(String name) {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://127.0.0.1:" + address.getPort() + "/keys/" + name);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      // "", "keys", NAME [, "sign"]
      KeyPair key = parts.length >= 3 ? keys.get(parts[2]) : null;
      if (key == null) {
        reply(exchange, 404, "no such key".getBytes(StandardCharsets.UTF_8));
      } else if (parts.length == 3 && exchange.getRequestMethod().equals("GET")) {
        String pem =
            "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        reply(exchange, 200, pem.getBytes(StandardCharsets.US_ASCII));
      } else if (parts.length == 4 && parts[3].equals("sign") && exchange.getRequestMethod().equals("POST")) {
        byte[] digest;
        try (InputStream in = exchange.getRequestBody()) {
          digest = in.readNBytes(33);
        }
        if (digest.length != 32) {
          reply(exchange, 400, "expected a 32-byte SHA-256 digest".getBytes(StandardCharsets.UTF_8));
          return;
        }
        reply(exchange, 200, signDigest(key, digest));
      } else {
        reply(exchange, 405, "GET /keys/NAME or POST /keys/NAME/sign".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** ECDSA over a digest computed by the client: the JDK's NONEwithECDSA takes the hash as is. */
  private static byte[] signDigest(KeyPair key, byte[] digest) throws IOException {
    try {
      Signature ecdsa = Signature.getInstance("NONEwithECDSA");
      ecdsa.initSign(key.getPrivate());
      ecdsa.update(digest);
      return ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IOException("sign digest", e);
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
