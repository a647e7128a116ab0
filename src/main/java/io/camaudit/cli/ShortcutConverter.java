package io.camaudit.cli;

import io.camaudit.demo.ShortcutDatasetGenerator.Shortcut;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --shortcut} of the demo commands: {@code tag} or {@code texture}, in any case. */
final class ShortcutConverter implements CommandLine.ITypeConverter<Shortcut> {
  @Override
  public Shortcut convert(String value) {
    try {
      return Shortcut.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not a shortcut: expected one of "
              + Arrays.stream(Shortcut.values())
                  .map(s -> s.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
    }
  }
}
