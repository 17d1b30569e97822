package dev.custody.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Reads one run.sh results directory (JMH and hyperfine JSON, native reference numbers, per round)
 * and prints Markdown tables: the median over rounds of each measurement, and the median over
 * rounds of ratios taken within a round (the numbers to trust on a shared machine).
 */
public final class Summary {
  private static final double BLOB_MB = DigestBenchmark.SIZE / 1e6;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each round's measurements, by name. */
  private final List<Map<String, Double>> rounds = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private Summary() {}

  /**
   * Prints the summary of the results directory {@code args[0]} to standard output.
   *
   * @param args the results directory
   * @throws IOException if a result file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Summary summary = new Summary();
    for (int r = 1; Files.exists(dir.resolve("r" + r + "-native.txt")); r++) {
      summary.rounds.add(summary.readRound(dir, r));
    }
    summary.print();
    System.out.print(summary.out);
  }

  private Map<String, Double> readRound(Path dir, int r) throws IOException {
    Map<String, Double> m = new HashMap<>();
    for (String part : List.of("digest", "verify", "endtoend", "manifest")) {
      Path file = dir.resolve("r" + r + "-" + part + ".json");
      if (Files.exists(file) && Files.size(file) > 0) {
        for (JsonNode result : JSON.readTree(file.toFile())) {
          String[] name = result.get("benchmark").asText().split("\\.");
          StringBuilder key = new StringBuilder(name[name.length - 2] + "." + name[name.length - 1]);
          Iterator<Map.Entry<String, JsonNode>> params =
              result.path("params").fields();
          while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            key.append(' ').append(p.getKey()).append('=').append(p.getValue().asText());
          }
          m.put(key.toString(), result.get("primaryMetric").get("score").asDouble());
        }
      }
    }
    Path dgst = dir.resolve("r" + r + "-openssl-dgst.json");
    if (Files.exists(dgst)) {
      m.put("openssl dgst", JSON.readTree(dgst.toFile()).get("results").get(0).get("median").asDouble());
    }
    Path start = dir.resolve("r" + r + "-start.json");
    if (Files.exists(start)) {
      for (JsonNode result : JSON.readTree(start.toFile()).get("results")) {
        m.put("start " + startName(result.get("command").asText()), result.get("median").asDouble() * 1000);
      }
    }
    for (String line : Files.readAllLines(dir.resolve("r" + r + "-native.txt"))) {
      String[] kv = line.trim().split("\\s+");
      if (kv.length == 2) {
        m.put(kv[0], Double.parseDouble(kv[1]));
      }
    }
    return m;
  }

  /** Names a cold-start command by what distinguishes it. */
  private static String startName(String command) {
    String what = command.contains(" -version") ? "java -version" : command.contains("--version") ? "--version" : "digest";
    if (command.contains("SharedArchiveFile")) {
      what += " +C1+Serial+AppCDS";
    } else if (command.contains("TieredStopAtLevel")) {
      what += " +C1+Serial";
    }
    return what;
  }

  private void print() {
    out.append("### (a) SHA-256 of a 256 MiB file in the page cache\n\n");
    out.append("| reader | MB/s (median) | × openssl (same round) | × plain 64 KiB |\n|---|---|---|---|\n");
    ToDoubleFunction<Double> mbPerMs = ms -> BLOB_MB / (ms / 1000);
    ToDoubleFunction<Double> mbPerS = s -> BLOB_MB / s;
    String plain64 = "DigestBenchmark.plainMessageDigest kib=64";
    digestRow("openssl dgst -sha256", "openssl dgst", mbPerS, plain64);
    digestRow("Custody copyVerified (64 KiB)", "DigestBenchmark.custodyCopyVerified", mbPerMs, plain64);
    for (String kib : List.of("8", "32", "64", "1024")) {
      digestRow("MessageDigest loop, " + kib + " KiB", "DigestBenchmark.plainMessageDigest kib=" + kib, mbPerMs, plain64);
    }

    out.append("\n### (b) one signature verification, one thread (verifications/s)\n\n");
    out.append("| algorithm | openssl speed | Custody (BC) | JCA | Custody ÷ JCA | Custody ÷ openssl |\n|---|---|---|---|---|---|\n");
    verifyRow("ECDSA P-256", "openssl.ecdsaP256.verifyPerS", "custodyEcdsaP256", "jcaSunEcEcdsaP256 (SunEC)");
    verifyRow("Ed25519", "openssl.ed25519.verifyPerS", "custodyEd25519", "jcaSunEcEd25519 (SunEC)");
    verifyRow("RSA-3072 PKCS#1 v1.5", "openssl.rsa3072.verifyPerS", "custodyRsa3072", "jcaSunRsaSignRsa3072 (SunRsaSign)");

    out.append("\n### (c) Custody.verify end to end on an OCI layout (µs per verification)\n\n");
    out.append("| format | 1 signer | 8 signers | per extra signature | fixed cost |\n|---|---|---|---|---|\n");
    for (String format : List.of("cosign", "notation")) {
      String one = "EndToEndVerifyBenchmark.verify format=" + format + " signers=1";
      String eight = "EndToEndVerifyBenchmark.verify format=" + format + " signers=8";
      out.append("| ").append(format)
          .append(" | ").append(fmt(median(one)))
          .append(" | ").append(fmt(median(eight)))
          .append(" | ").append(fmt(medianOf(m -> (m.get(eight) - m.get(one)) / 7, one, eight)))
          .append(" | ").append(fmt(medianOf(m -> m.get(one) - (m.get(eight) - m.get(one)) / 7, one, eight)))
          .append(" |\n");
    }

    out.append("\n### (d) CLI cold start (hyperfine, ms, median of medians)\n\n");
    out.append("| command | ms | × `java -version` | × same command, default flags |\n|---|---|---|---|\n");
    for (String name : List.of("java -version", "--version", "--version +C1+Serial", "digest", "digest +C1+Serial", "digest +C1+Serial+AppCDS")) {
      String key = "start " + name;
      String plain = "start " + name.replaceAll(" \\+.*", "");
      out.append("| `").append(name).append("` | ").append(fmt(median(key)))
          .append(" | ").append(ratio(key, "start java -version"))
          .append(" | ").append(key.equals(plain) ? "—" : ratio(key, plain)).append(" |\n");
    }

    out.append("\n### (e) warm manifest GET on a loopback registry (µs per GET)\n\n");
    out.append("| client | µs (median) | × curl keep-alive (same round) |\n|---|---|---|\n");
    for (String[] row : new String[][] {
        {"curl keep-alive", "curl.keepAlive.medianUs"},
        {"Custody RegistryStore.manifest", "ManifestGetBenchmark.custodyManifest"},
        {"bare OkHttp GET", "ManifestGetBenchmark.okHttpGet"},
        {"bare JDK HttpClient GET", "ManifestGetBenchmark.jdkHttpClientGet"}}) {
      out.append("| ").append(row[0]).append(" | ").append(fmt(median(row[1])))
          .append(" | ").append(ratio(row[1], "curl.keepAlive.medianUs")).append(" |\n");
    }
  }

  private void digestRow(String label, String key, ToDoubleFunction<Double> toMb, String plain64) {
    out.append("| ").append(label)
        .append(" | ").append(fmt(medianOf(m -> toMb.applyAsDouble(m.get(key)), key)))
        .append(" | ").append(fmtRatio(medianOf(m -> toMb.applyAsDouble(m.get(key)) / (BLOB_MB / m.get("openssl dgst")), key, "openssl dgst")))
        .append(" | ").append(fmtRatio(medianOf(m -> toMb.applyAsDouble(m.get(key)) / mbPerMsOf(m.get(plain64)), key, plain64)))
        .append(" |\n");
  }

  private static double mbPerMsOf(double ms) {
    return BLOB_MB / (ms / 1000);
  }

  private void verifyRow(String label, String native_, String custody, String jca) {
    String jcaKey = "SignatureVerifyBenchmark." + jca.replaceAll(" .*", "");
    String custodyKey = "SignatureVerifyBenchmark." + custody;
    out.append("| ").append(label)
        .append(" | ").append(fmt(median(native_)))
        .append(" | ").append(fmt(median(custodyKey)))
        .append(" | ").append(fmt(median(jcaKey))).append(' ').append(jca.replaceAll("^[^ ]* ?", ""))
        .append(" | ").append(ratio(custodyKey, jcaKey))
        .append(" | ").append(ratio(custodyKey, native_)).append(" |\n");
  }

  private double median(String key) {
    return medianOf(m -> m.get(key), key);
  }

  private String ratio(String key, String baseline) {
    return fmtRatio(medianOf(m -> m.get(key) / m.get(baseline), key, baseline));
  }

  /** The median over the rounds that have every key of {@code f} applied to the round. */
  private double medianOf(ToDoubleFunction<Map<String, Double>> f, String... keys) {
    double[] values =
        rounds.stream()
            .filter(m -> Arrays.stream(keys).allMatch(m::containsKey))
            .mapToDouble(f)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String fmtRatio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f×", value);
  }
}
