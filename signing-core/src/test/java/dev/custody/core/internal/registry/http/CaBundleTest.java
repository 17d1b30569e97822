package dev.custody.core.internal.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.registry.RegistryOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS registry signed by a private CA: trusted only with the CA bundle option. */
class CaBundleTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private Path bundle;

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(new X500Name("CN=custody test registry"), BigInteger.ONE,
            Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
            new X500Name("CN=custody test registry"), keys.getPublic())
            .addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server.useHttps(context.getSocketFactory(), false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    bundle = dir.resolve("ca.pem");
    Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Response get(RegistryOptions options) throws IOException {
    HttpFoundation f = HttpFoundation.builder(options).sleeper(d -> {}).build();
    OkHttpClient http = f.base().newBuilder().addInterceptor(f.retry()).build();
    return http.newCall(new Request.Builder().url("https://127.0.0.1:" + server.getPort() + "/v2/").build()).execute();
  }

  @Test
  void privateCa_trustedWithTheBundle() throws Exception {
    server.enqueue(new MockResponse().setBody("{}"));
    try (Response r = get(RegistryOptions.builder().caBundle(bundle).build())) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void privateCa_refusedWithoutTheBundle_andNotRetried() throws Exception {
    assertThrows(SSLException.class, () -> get(RegistryOptions.defaults()).close());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void unreadableBundle_namesTheFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
    IOException e = assertThrows(IOException.class, () -> get(RegistryOptions.builder().caBundle(bad).build()).close());
    String message = e.getMessage() + " / " + (e.getCause() == null ? "" : e.getCause().getMessage());
    assertTrue(message.contains("read CA bundle " + bad), message);
    assertFalse(message.contains("not a certificate"), message);
  }
}
