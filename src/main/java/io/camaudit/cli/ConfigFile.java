package io.camaudit.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The configuration file given with {@code --config FILE}: a Java properties file, on any Hadoop
 * file system (a local path, {@code hdfs://…}, {@code s3a://…}), whose keys are the command's
 * option names without dashes ({@code batch-size = 32}), plus the nightly thresholds and alert
 * rules ({@code max-change.accuracy = 0.02}, {@code alert.fdr = 0.05}). Every value is a default:
 * the same option on the command line wins ({@link OptionDefaults}). {@code
 * conf/audit.example.properties} lists every key.
 */
final class ConfigFile {

  static final String OPTION = "--config";

  /**
   * The key that names the file in the other sources of defaults ({@code spark.camaudit.config}).
   */
  static final String KEY = "config";

  private ConfigFile() {}

  /** The file named by {@code --config FILE} or {@code --config=FILE} in {@code args}, if any. */
  static Optional<String> find(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith(OPTION + "=")) {
        return Optional.of(args[i].substring(OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the file at {@code location} through Hadoop's file systems.
   *
   * @throws IllegalArgumentException when it cannot be read
   */
  static OptionSource read(String location, Configuration hadoop) {
    Properties properties = new Properties();
    try {
      Path path = new Path(location);
      try (Reader in =
          new InputStreamReader(path.getFileSystem(hadoop).open(path), StandardCharsets.UTF_8)) {
        properties.load(in);
      }
      return OptionSource.configFile(location, properties);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + OPTION
              + " "
              + location
              + ": cannot read it as a properties file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
  }
}
