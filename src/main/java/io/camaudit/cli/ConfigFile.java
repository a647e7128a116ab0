package io.camaudit.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The configuration file given with {@code --config FILE}: a Java properties file whose keys are
 * the command's option names without dashes ({@code batch-size = 32}), plus the nightly thresholds
 * and alert rules ({@code max-change.accuracy = 0.02}, {@code alert.fdr = 0.05}). Every value is a
 * default: the same option on the command line wins. Unknown keys and bad values are errors ({@link
 * ConfigCheck}). {@code conf/audit.example.properties} lists every key.
 */
final class ConfigFile {

  static final String OPTION = "--config";

  private ConfigFile() {}

  /** The file named by {@code --config FILE} or {@code --config=FILE} in {@code args}, if any. */
  static Optional<Path> find(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith(OPTION + "=")) {
        return Optional.of(Path.of(args[i].substring(OPTION.length() + 1)));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException when it cannot be read
   */
  static Properties read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
      return properties;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + OPTION
              + " "
              + file
              + ": cannot read it as a properties file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * Reads the file named in {@code args}, if any, checks it against the subcommand named there and
   * makes its values the defaults of {@code commandLine}.
   *
   * @throws IllegalArgumentException when the file cannot be read, or holds an unknown key or a bad
   *     value for that subcommand
   */
  static void load(CommandLine commandLine, String... args) {
    Optional<Path> file = find(args);
    if (file.isEmpty()) {
      return;
    }
    Properties properties = read(file.get());
    configured(commandLine, args)
        .ifPresent(command -> ConfigCheck.check(command, properties, file.get()));
    apply(commandLine, properties);
  }

  /**
   * The subcommand named in {@code args}, if it takes {@code --config}; picocli rejects the option
   * for the others.
   */
  private static Optional<CommandLine> configured(CommandLine commandLine, String... args) {
    return Arrays.stream(args)
        .map(commandLine.getSubcommands()::get)
        .filter(Objects::nonNull)
        .findFirst()
        .filter(command -> command.getCommandSpec().findOption(OPTION) != null);
  }

  /** Makes the file's values the defaults of every option of {@code commandLine}. */
  static void apply(CommandLine commandLine, Properties properties) {
    commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties));
  }
}
