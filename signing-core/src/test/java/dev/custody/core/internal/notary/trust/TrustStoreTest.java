package dev.custody.core.internal.notary.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.notary.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notation-go's store loading rules (fixtures README §6). */
class TrustStoreTest {
  private static final TrustStoreRef CA_E2E = new TrustStoreRef(TrustStoreType.CA, "e2e");
  static X509Certificate root;
  static X509Certificate leaf;

  @TempDir Path dir;

  @BeforeAll
  static void pki() throws Exception {
    KeyPair rootKeys = TestPki.ec();
    String rootDn = "CN=Root,O=T,ST=WA,C=US";
    root = TestPki.cert(rootDn, rootKeys, rootDn, rootKeys.getPrivate(), true, -1, null);
    leaf = TestPki.cert("CN=Leaf,O=T,ST=WA,C=US", TestPki.ec(), rootDn, rootKeys.getPrivate(),
        false, -1, null);
  }

  private Path named(String type, String name) throws Exception {
    return Files.createDirectories(dir.resolve("x509").resolve(type).resolve(name));
  }

  @Test
  void pemWithTwoCertificatesAndDer_allLoaded() throws Exception {
    KeyPair other = TestPki.ec();
    X509Certificate root2 =
        TestPki.cert("CN=Root2,O=T,ST=WA,C=US", other, "CN=Root2,O=T,ST=WA,C=US",
            other.getPrivate(), true, -1, null);
    Path store = named("ca", "e2e");
    Files.writeString(store.resolve("roots.pem"), pem(root) + pem(root2), StandardCharsets.US_ASCII);
    Files.write(store.resolve("any-name.bin"), root.getEncoded());

    assertEquals(3, TrustStore.at(dir).certificates(CA_E2E).size());
  }

  @Test
  void missingStore_rejectedAsNotExisting() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertTrue(e.getMessage().contains("trust store \"e2e\" of type \"ca\": it does not exist"),
        e.getMessage());
  }

  @Test
  void emptyStore_rejected() throws Exception {
    named("ca", "e2e");

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertTrue(e.getMessage().contains("has no x509 certificates"), e.getMessage());
  }

  @Test
  void symlinkInStore_rejected() throws Exception {
    Path store = named("ca", "e2e");
    Path real = Files.write(dir.resolve("real.crt"), root.getEncoded());
    Files.createSymbolicLink(store.resolve("link.crt"), real);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertTrue(e.getMessage().contains("link.crt is a directory or symlink"), e.getMessage());
  }

  @Test
  void leafCertificateInCaStore_rejected() throws Exception {
    Files.write(named("ca", "e2e").resolve("leaf.crt"), leaf.getEncoded());

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertTrue(e.getMessage().contains("is neither a CA certificate nor self-signed"),
        e.getMessage());
  }

  @Test
  void nonRootInTsaStore_rejected() throws Exception {
    Files.write(named("tsa", "t").resolve("leaf.crt"), leaf.getEncoded());

    InvalidInputException e =
        assertThrows(InvalidInputException.class,
            () -> TrustStore.at(dir).certificates(new TrustStoreRef(TrustStoreType.TSA, "t")));

    assertTrue(e.getMessage().contains("is not a self-signed root, which a tsa store requires"),
        e.getMessage());
  }

  @Test
  void notACertificate_rejectedNamingTheFile() throws Exception {
    Files.writeString(named("ca", "e2e").resolve("junk.pem"), "not a certificate");

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertTrue(e.getMessage().contains("junk.pem is not a PEM or DER certificate"),
        e.getMessage());
  }

  @Test
  void oversizedFile_limitExceeded() throws Exception {
    Files.write(named("ca", "e2e").resolve("big.pem"), new byte[TrustStore.MAX_FILE_BYTES + 1]);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustStore.at(dir).certificates(CA_E2E));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("big.pem is too large"), e.getMessage());
  }

  private static String pem(X509Certificate cert) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
