package io.camaudit.cli;

import static io.camaudit.cli.HelpSection.CONSOLE;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --quiet} and {@code --verbose} of the Spark commands: how much their log says on stderr.
 * Without either, the logging configuration decides ({@code conf/log4j2.properties} for the
 * launchers: this project's progress at INFO, Spark's and Hadoop's warnings). What a command prints
 * on stdout (the audit's summary, the report's file) does not change.
 */
final class Verbosity {

  /** The mixin's name in every command that takes it. */
  static final String NAME = "verbosity";

  /** Spark's setting of the root log level at its start. */
  static final String SPARK_LOG_LEVEL = "spark.log.level";

  @Section(CONSOLE)
  @Option(
      names = "--quiet",
      description = "Log errors only: no progress lines, no warnings (stdout keeps the result).")
  boolean quiet;

  @Section(CONSOLE)
  @Option(
      names = "--verbose",
      description = "Log Spark's and Hadoop's INFO lines too (stages, tasks, files).")
  boolean verbose;

  /**
   * Sets the log levels the options of {@code command} ask for: now, and as Spark's {@code
   * spark.log.level}, which Spark applies to the root logger as its session starts (under
   * spark-submit, without a logging configuration of the application's, Spark sets its logging up
   * again then).
   *
   * @throws CommandLine.ParameterException when both are given
   */
  void apply(CommandLine command) {
    if (quiet && verbose) {
      throw new CommandLine.ParameterException(
          command, "--quiet and --verbose exclude each other: give one");
    }
    if (quiet) {
      Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.ERROR);
      System.setProperty(SPARK_LOG_LEVEL, Level.ERROR.name());
    } else if (verbose) {
      Configurator.setRootLevel(Level.INFO);
      System.setProperty(SPARK_LOG_LEVEL, Level.INFO.name());
    }
  }
}
