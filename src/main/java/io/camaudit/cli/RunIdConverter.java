package io.camaudit.cli;

import io.camaudit.nightly.RunId;
import picocli.CommandLine;

/** {@code --run-id} of every command: a {@link RunId}, refused as the command line is read. */
final class RunIdConverter implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (!RunId.isValid(value)) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a run id: use " + RunId.ALLOWED);
    }
    return value;
  }
}
