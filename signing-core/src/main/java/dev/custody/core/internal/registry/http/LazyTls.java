package dev.custody.core.internal.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS set up on first use (PERFORMANCE.md: building the platform trust store costs a cold JVM
 * 0.24–0.35 s, which an {@code http://} loopback registry or an offline layout should not pay).
 * Trusts the platform's CAs plus those of an optional PEM bundle.
 *
 * <p>OkHttp asks the trust manager for its accepted issuers when the client is built, only to
 * prepare certificate pinning, which Custody does not use; before initialisation {@link
 * TrustManager#getAcceptedIssuers()} therefore answers an empty list rather than load the store.
 * Certificate validation itself always uses the fully initialised trust managers.
 */
final class LazyTls {
  static final long MAX_BUNDLE_BYTES = 4L * 1024 * 1024;

  private final Optional<Path> caBundle;
  private volatile State state;

  private static final class State {
    final SSLContext context;
    final X509TrustManager trustManager;

    State(SSLContext context, X509TrustManager trustManager) {
      this.context = context;
      this.trustManager = trustManager;
    }
  }

  LazyTls(Optional<Path> caBundle) {
    this.caBundle = caBundle;
  }

  boolean isInitialised() {
    return state != null;
  }

  private State state() throws IOException {
    State s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = create();
          state = s;
        }
      }
    }
    return s;
  }

  private State create() throws IOException {
    try {
      List<X509TrustManager> managers = new ArrayList<>();
      managers.add(trustManager(null));
      if (caBundle.isPresent()) {
        managers.add(trustManager(bundleKeyStore(caBundle.get())));
      }
      X509TrustManager trust = managers.size() == 1 ? managers.get(0) : new AnyOfTrustManager(managers);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return new State(context, trust);
    } catch (GeneralSecurityException e) {
      throw new IOException("set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager) {
        return (X509TrustManager) tm;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  private static KeyStore bundleKeyStore(Path file) throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("read CA bundle " + file + ": not a readable file");
    }
    if (Files.size(file) > MAX_BUNDLE_BYTES) {
      throw new IOException("read CA bundle " + file + ": larger than " + MAX_BUNDLE_BYTES + " bytes");
    }
    Collection<? extends java.security.cert.Certificate> certs;
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) MAX_BUNDLE_BYTES + 1);
    }
    if (content.length > MAX_BUNDLE_BYTES) {
      throw new IOException("read CA bundle " + file + ": larger than " + MAX_BUNDLE_BYTES + " bytes");
    }
    try (InputStream in = new java.io.ByteArrayInputStream(content)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException e) {
      throw new IOException("read CA bundle " + file + ": not PEM X.509 certificates (" + e.getMessage() + ")", e);
    }
    if (certs.isEmpty()) {
      throw new IOException("read CA bundle " + file + ": no certificate in it");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (java.security.cert.Certificate cert : certs) {
      store.setCertificateEntry("custody-ca-" + i++, cert);
    }
    return store;
  }

  /** {@return a trust manager that initialises TLS when first asked to check a chain} */
  X509TrustManager trustManager() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        initialised().checkClientTrusted(chain, authType);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        initialised().checkServerTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        State s = state;
        return s == null ? new X509Certificate[0] : s.trustManager.getAcceptedIssuers();
      }

      private X509TrustManager initialised() throws CertificateException {
        try {
          return state().trustManager;
        } catch (IOException e) {
          throw new CertificateException(e.getMessage(), e);
        }
      }
    };
  }

  /** {@return a socket factory that initialises TLS when the first TLS socket is made} */
  SSLSocketFactory socketFactory() {
    return new SSLSocketFactory() {
      private SSLSocketFactory delegate() throws IOException {
        return state().context.getSocketFactory();
      }

      private SSLSocketFactory delegateUnchecked() {
        try {
          return delegate();
        } catch (IOException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }

      @Override
      public String[] getDefaultCipherSuites() {
        return delegateUnchecked().getDefaultCipherSuites();
      }

      @Override
      public String[] getSupportedCipherSuites() {
        return delegateUnchecked().getSupportedCipherSuites();
      }

      @Override
      public Socket createSocket() throws IOException {
        return delegate().createSocket();
      }

      @Override
      public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return delegate().createSocket(s, host, port, autoClose);
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return delegate().createSocket(host, port);
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate().createSocket(host, port, localHost, localPort);
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate().createSocket(host, port);
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        return delegate().createSocket(address, port, localAddress, localPort);
      }
    };
  }

  /** Trusts a chain that any of its trust managers trusts (platform CAs, then the bundle). */
  private static final class AnyOfTrustManager implements X509TrustManager {
    private final List<X509TrustManager> managers;

    AnyOfTrustManager(List<X509TrustManager> managers) {
      this.managers = List.copyOf(managers);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("client certificates are not checked by Custody");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      CertificateException first = null;
      for (X509TrustManager tm : managers) {
        try {
          tm.checkServerTrusted(chain, authType);
          return;
        } catch (CertificateException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      throw first;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return managers.stream()
          .flatMap(tm -> Arrays.stream(tm.getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    }
  }
}
