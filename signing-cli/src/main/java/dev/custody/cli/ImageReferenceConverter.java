package dev.custody.cli;

import dev.custody.oci.ImageReference;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses IMAGE arguments; a malformed reference is a usage error naming the bad part. */
final class ImageReferenceConverter implements ITypeConverter<ImageReference> {
  @Override
  public ImageReference convert(String value) {
    try {
      return ImageReference.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          e.getMessage() + " (expected HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST])");
    }
  }
}
