package io.camaudit.cli;

import org.apache.hadoop.fs.Path;
import picocli.CommandLine;

/**
 * A file or folder option that any Hadoop file system may hold ({@code --output}, {@code
 * --manifest}, …): refused as the command line is read when it is blank or not a Hadoop path, the
 * same way in every command.
 */
final class LocationConverter implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (value.isBlank()) {
      throw notALocation(value, "empty");
    }
    try {
      new Path(value);
    } catch (IllegalArgumentException e) {
      throw notALocation(value, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    return value;
  }

  private static CommandLine.TypeConversionException notALocation(String value, String why) {
    return new CommandLine.TypeConversionException(
        "'" + value + "' is not a location (a local path, hdfs://… or s3a://…): " + why);
  }
}
