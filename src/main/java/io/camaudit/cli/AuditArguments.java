package io.camaudit.cli;

import io.camaudit.spark.AuditOptions;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The {@code audit} command's options for a caller that has its own Spark session: read and checked
 * exactly as the command line reads them, with the same defaults ({@code spark.camaudit.*} confs of
 * that session, a {@code --config} file on any Hadoop file system), and the same messages.
 */
public final class AuditArguments {

  private AuditArguments() {}

  /**
   * The audit that {@code options} (keyed as in a {@code --config} file: {@code manifest}, {@code
   * batch-size}, {@code max-change.accuracy}, …) and {@code args} (command-line words, which win)
   * ask for on {@code spark}.
   *
   * @throws IllegalArgumentException when an option, key or value is invalid, naming it; also for
   *     the command line's own options ({@code --help}, {@code --version}, {@code --quiet}, {@code
   *     --verbose}): a caller's session keeps its own logging
   */
  public static AuditOptions parse(
      SparkSession spark, Map<String, String> options, String... args) {
    String[] command = Stream.concat(Stream.of("audit"), Stream.of(args)).toArray(String[]::new);
    CommandLine root = Main.commandLine();
    OptionDefaults.install(root, () -> SparkEnvironment.of(spark), options, command);
    CommandLine.ParseResult audit;
    try {
      audit = root.parseArgs(command).subcommand();
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Verbosity verbosity = (Verbosity) audit.commandSpec().mixins().get(Verbosity.NAME).userObject();
    if (audit.isUsageHelpRequested() || audit.isVersionHelpRequested()) {
      throw new IllegalArgumentException(
          "Invalid --help/--version: options of the command line only (`jobs/audit --help`)");
    }
    if (verbosity.quiet || verbosity.verbose) {
      throw new IllegalArgumentException(
          "Invalid quiet/verbose: options of the command line only; the caller's session keeps"
              + " its own logging");
    }
    return ((AuditCommand) audit.commandSpec().userObject()).options();
  }
}
