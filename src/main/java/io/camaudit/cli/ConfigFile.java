package io.camaudit.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The configuration file given with {@code --config FILE}: a Java properties file whose keys are
 * the command's option names without dashes ({@code batch-size = 32}), plus the nightly thresholds
 * ({@code max-change.accuracy = 0.02}). Every value is a default: the same option on the command
 * line wins. {@code conf/audit.example.properties} lists every key.
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

  /** Makes the file's values the defaults of every option of {@code commandLine}. */
  static void apply(CommandLine commandLine, Properties properties) {
    commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties));
  }
}
