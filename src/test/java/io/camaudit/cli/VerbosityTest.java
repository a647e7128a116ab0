package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --quiet} leaves errors only in the log, {@code --verbose} adds Spark's INFO lines, and the
 * two together are refused.
 */
class VerbosityTest {

  @AfterEach
  void restoreLogging() {
    ((LoggerContext) LogManager.getContext(false)).reconfigure();
    System.clearProperty(Verbosity.SPARK_LOG_LEVEL);
  }

  @Test
  void quietLogsErrorsOnly() {
    applied("--quiet");
    for (String logger : List.of("io.camaudit.spark.ProgressReporter", "org.apache.spark.rdd")) {
      assertFalse(LogManager.getLogger(logger).isWarnEnabled(), logger);
      assertTrue(LogManager.getLogger(logger).isErrorEnabled(), logger);
    }
    assertEquals("ERROR", System.getProperty(Verbosity.SPARK_LOG_LEVEL));
  }

  @Test
  void verboseAddsSparksInfo() {
    assertFalse(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled());
    applied("--verbose");
    assertTrue(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled());
    assertTrue(LogManager.getLogger("io.camaudit.spark.ProgressReporter").isInfoEnabled());
    assertEquals("INFO", System.getProperty(Verbosity.SPARK_LOG_LEVEL));
  }

  @Test
  void bothAreRefused() {
    InProcessRun.Outcome outcome =
        InProcessRun.run(
            List.of("report", "--output", "o", "--run-id", "r", "--quiet", "--verbose"));
    assertEquals(Main.EXIT_INVALID_CONFIGURATION, outcome.exitCode(), outcome.stderr());
    assertTrue(
        outcome.stderr().startsWith("cam-audit: --quiet and --verbose exclude each other"),
        outcome.stderr());
  }

  private static void applied(String option) {
    CommandLine.ParseResult parsed =
        Main.commandLine().parseArgs("report", "--output", "o", "--run-id", "r", option);
    CommandLine.Model.CommandSpec report = parsed.subcommand().commandSpec();
    ((Verbosity) report.mixins().get(Verbosity.NAME).userObject()).apply(report.commandLine());
  }
}
