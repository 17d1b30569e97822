package dev.custody.examples;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;

/**
 * The smallest embedding of Custody: resolve an image reference once and print the manifest
 * digest that names it from then on. Uses only the public API ({@code signing-api}); the
 * implementation is found on the runtime classpath.
 *
 * <pre>{@code
 * java dev.custody.examples.PrintDigest oci:examples/src/main/resources/demo-layout:v1
 * }</pre>
 */
public final class PrintDigest {
  private PrintDigest() {}

  /**
   * Prints the digest of the image named by {@code args[0]}.
   *
   * @param args one image reference
   * @throws CustodyException if the image cannot be resolved
   */
  public static void main(String[] args) throws CustodyException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: PrintDigest IMAGE");
    }
    Custody custody = Custody.builder().build();
    Descriptor manifest = custody.resolve(ImageReference.parse(args[0]));
    System.out.println(manifest.digest());
  }
}
