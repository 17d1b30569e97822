package dev.custody.cli;

import static java.util.Objects.requireNonNull;

import dev.custody.store.CopyEvent;
import dev.custody.store.CopyListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress display of {@code copy} and {@code export} on a terminal: one line on stderr per
 * blob transferred or mounted and per manifest written, each with the running totals (blobs
 * copied and bytes, blobs skipped, manifests). Blobs the destination already has are only counted,
 * so copying again prints one line per manifest. Shown only when a person watches ({@link
 * Terminal#interactive()}) and the output is text: stdout and scripts never see it.
 */
final class CopyProgress implements CopyListener {
  private final String label;
  private final PrintWriter err;
  private int manifests;
  private int blobsCopied;
  private int blobsSkipped;
  private long bytesCopied;

  CopyProgress(String label, PrintWriter err) {
    this.label = requireNonNull(label, "label");
    this.err = requireNonNull(err, "err");
  }

  /**
   * {@return a progress display on {@code err}, or a listener that prints nothing when {@code
   * shown} is false}
   *
   * @param shown whether to show progress (a terminal, text output)
   * @param label the command, as the lines' prefix
   * @param err standard error
   */
  static CopyListener of(boolean shown, String label, PrintWriter err) {
    return shown ? new CopyProgress(label, err) : CopyListener.none();
  }

  @Override
  public void handled(CopyEvent event) {
    String what;
    if (event.kind() == CopyEvent.Kind.MANIFEST) {
      manifests++;
      what = "wrote manifest " + shortDigest(event);
    } else if (event.outcome() == CopyEvent.Outcome.SKIPPED) {
      blobsSkipped++;
      return;
    } else {
      blobsCopied++;
      bytesCopied += event.descriptor().size();
      what =
          (event.outcome() == CopyEvent.Outcome.MOUNTED ? "mounted blob " : "copied blob ")
              + shortDigest(event)
              + " ("
              + bytes(event.descriptor().size())
              + ")";
    }
    err.println(
        label
            + ": "
            + what
            + "; "
            + blobsCopied
            + " blob(s) copied ("
            + bytes(bytesCopied)
            + "), "
            + blobsSkipped
            + " skipped, "
            + manifests
            + " manifest(s)");
    err.flush();
  }

  /** The algorithm and the first 12 hex digits, as docker shows them. */
  private static String shortDigest(CopyEvent event) {
    String digest = event.descriptor().digest().toString();
    int colon = digest.indexOf(':');
    return digest.substring(0, Math.min(digest.length(), colon + 13));
  }

  /** {@return {@code size} in B, KiB, MiB or GiB, one decimal} */
  static String bytes(long size) {
    if (size < 1024) {
      return size + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = size;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
