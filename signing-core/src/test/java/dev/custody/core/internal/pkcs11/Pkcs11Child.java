package dev.custody.core.internal.pkcs11;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.Verifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The part of the PKCS#11 tests that loads the PKCS#11 module: it runs in a child JVM started by
 * {@link ChildJvm} with {@code SOFTHSM2_CONF} set, performs operations through {@link
 * Pkcs11KeyProvider} and writes what happened to a file, one tab-separated line per fact, for the
 * parent test to assert on (verification happens in the parent, with Bouncy Castle).
 *
 * <p>Arguments: the output file, then operations separated by {@code ---}:
 *
 * <ul>
 *   <li>{@code sign URI PINFILE|- ALGORITHM|- MESSAGEHEX}: prints {@code publicKey ALG SPKIHEX},
 *       {@code signature HEX}, {@code digestSignature HEX|unsupported}
 *   <li>{@code verifier URI}: prints {@code verifier ALG SPKIHEX}
 *   <li>{@code threads URI PINFILE N}: signs from N threads, prints {@code threads N SIGHEX...}
 *   <li>{@code closeThenSign URI}: prints {@code afterClose REASON MESSAGE}
 * </ul>
 *
 * Any {@link CustodyException} prints {@code error CLASS REASON MESSAGE}.
 */
public final class Pkcs11Child {
  private Pkcs11Child() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args[0]);
    List<List<String>> operations = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(1, args.length)) {
      if (arg.equals("---")) {
        operations.add(current);
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    operations.add(current);
    Pkcs11KeyProvider provider = new Pkcs11KeyProvider();
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      for (int i = 0; i < operations.size(); i++) {
        List<String> op = operations.get(i);
        try {
          run(provider, op, i, out);
        } catch (CustodyException e) {
          line(
              out,
              i,
              "error",
              e.getClass().getSimpleName(),
              e.reason().name(),
              e.getMessage().replace('\n', ' ').replace('\t', ' '));
        }
      }
    }
  }

  private static void run(Pkcs11KeyProvider provider, List<String> op, int i, PrintWriter out)
      throws Exception {
    KeyRef ref = KeyRef.parse(op.get(1));
    switch (op.get(0)) {
      case "sign":
        {
          PasswordSource pins =
              op.get(2).equals("-")
                  ? PasswordSource.none()
                  : PasswordSource.file(Path.of(op.get(2)));
          Signer signer =
              op.get(3).equals("-")
                  ? provider.signer(ref, pins)
                  : provider.signer(ref, pins, SignatureAlgorithm.valueOf(op.get(3)));
          try {
            line(out, i, "publicKey", signer.algorithm().name(), signer.publicKey().spki().hex());
            byte[] message = HexFormat.of().parseHex(op.get(4));
            line(out, i, "signature", signer.sign(Bytes.of(message)).hex());
            String digestName = signer.algorithm().digestName().orElse("");
            if (digestName.isEmpty()) {
              line(out, i, "digestSignature", "unsupported");
            } else {
              byte[] digest = MessageDigest.getInstance(digestName).digest(message);
              line(out, i, "digestSignature", signer.signDigest(Bytes.of(digest)).hex());
            }
          } finally {
            ((AutoCloseable) signer).close();
          }
          break;
        }
      case "verifier":
        {
          Verifier verifier = provider.verifier(ref);
          line(out, i, "verifier", verifier.algorithm().name(), verifier.publicKey().spki().hex());
          break;
        }
      case "threads":
        {
          Signer signer = provider.signer(ref, PasswordSource.file(Path.of(op.get(2))));
          int n = Integer.parseInt(op.get(3));
          ExecutorService pool = Executors.newFixedThreadPool(n);
          try {
            List<Future<Bytes>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
              byte[] message = ("message " + t).getBytes(StandardCharsets.UTF_8);
              futures.add(pool.submit(() -> signer.sign(Bytes.of(message))));
            }
            List<String> fields = new ArrayList<>(List.of(Integer.toString(n)));
            for (Future<Bytes> f : futures) {
              fields.add(f.get().hex());
            }
            line(out, i, "threads", fields.toArray(new String[0]));
          } finally {
            pool.shutdown();
            ((AutoCloseable) signer).close();
          }
          break;
        }
      case "closeThenSign":
        {
          Signer signer = provider.signer(ref, PasswordSource.none());
          ((AutoCloseable) signer).close();
          try {
            signer.sign(Bytes.utf8("after close"));
            line(out, i, "afterClose", "signed");
          } catch (CustodyException e) {
            line(out, i, "afterClose", e.reason().name(), e.getMessage());
          }
          break;
        }
      default:
        throw new IllegalArgumentException("unknown operation " + op.get(0));
    }
  }

  private static void line(PrintWriter out, int index, String key, String... values) {
    out.println(index + "\t" + key + "\t" + String.join("\t", values));
  }
}
