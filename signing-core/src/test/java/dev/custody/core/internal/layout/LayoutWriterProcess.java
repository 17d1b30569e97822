package dev.custody.core.internal.layout;

import java.nio.file.Path;

/**
 * A separate process that writes into a layout at the same time as the test: {@code count}
 * tagged images, each with one untagged referrer. Arguments: layout directory, name prefix, count.
 */
public final class LayoutWriterProcess {
  private LayoutWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    try (LayoutStore store = LayoutStore.open(dir, false)) {
      for (int i = 0; i < count; i++) {
        LayoutConcurrencyTest.writeOne(store, prefix + "-" + i);
      }
    }
  }

}
