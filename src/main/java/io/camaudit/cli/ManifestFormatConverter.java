package io.camaudit.cli;

import io.camaudit.spark.input.ManifestFormat;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --manifest-format} of every command, in any case. */
final class ManifestFormatConverter implements CommandLine.ITypeConverter<ManifestFormat> {
  @Override
  public ManifestFormat convert(String value) {
    try {
      return ManifestFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not a manifest format: expected one of "
              + Arrays.stream(ManifestFormat.values())
                  .map(ManifestFormat::id)
                  .collect(Collectors.joining(", ")));
    }
  }
}
