package io.camaudit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of every job: {@code audit}, {@code generate-demo-data}, {@code train-demo-model}.
 */
@Command(
    name = "cam-audit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Dataset auditing with Grad-CAM on Apache Spark.",
    subcommands = {
      AuditCommand.class,
      ReportCommand.class,
      GenerateDemoDataCommand.class,
      TrainDemoModelCommand.class
    })
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Exit code of a run whose outputs are complete but whose audit breached a threshold. */
  public static final int EXIT_THRESHOLD_BREACHED = 3;

  /** Exit code of an invalid configuration (as picocli uses for invalid command lines). */
  public static final int EXIT_INVALID_CONFIGURATION = 2;

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return run(commandLine(), args);
  }

  /** Runs {@code args} on {@code commandLine}, as made by {@link #commandLine()}. */
  static int run(CommandLine commandLine, String... args) {
    try {
      OptionDefaults.install(commandLine, SparkEnvironment::current, Map.of(), args);
    } catch (IllegalArgumentException e) {
      commandLine.getErr().println("cam-audit: " + e.getMessage());
      return EXIT_INVALID_CONFIGURATION;
    }
    return commandLine.execute(args);
  }

  /**
   * The subcommands that run Spark: options in help sections, {@code --quiet}, {@code --verbose}.
   */
  private static final List<String> SPARK_COMMANDS = List.of("audit", "report");

  /** The command line with every subcommand; invalid settings exit with code 2. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    for (String name : SPARK_COMMANDS) {
      CommandLine command = commandLine.getSubcommands().get(name);
      command.addMixin(Verbosity.NAME, new Verbosity());
      SectionedHelp.install(command);
    }
    return commandLine
        .setExecutionStrategy(Main::execute)
        .setParameterExceptionHandler(Main::invalidCommandLine)
        .setExecutionExceptionHandler(
            (e, failed, parseResult) -> {
              if (e instanceof IllegalArgumentException) {
                failed.getErr().println("cam-audit: " + e.getMessage());
                return EXIT_INVALID_CONFIGURATION;
              }
              throw e;
            });
  }

  /** Runs the command that {@code parseResult} names, at the log levels its options ask for. */
  private static int execute(CommandLine.ParseResult parseResult) {
    CommandLine.Model.CommandSpec command =
        parseResult.subcommand() == null
            ? parseResult.commandSpec()
            : parseResult.subcommand().commandSpec();
    CommandLine.Model.CommandSpec verbosity = command.mixins().get(Verbosity.NAME);
    if (verbosity != null) {
      ((Verbosity) verbosity.userObject()).apply(command.commandLine());
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /**
   * Prints what is wrong with the command line in one line (with picocli's suggestions for a
   * mistyped option) and where the options are listed, instead of the whole usage message.
   */
  private static int invalidCommandLine(CommandLine.ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("cam-audit: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Every option: " + failed.getCommandSpec().qualifiedName() + " --help");
    return EXIT_INVALID_CONFIGURATION;
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cam-audit " + (version == null ? "(development build)" : version)};
    }
  }
}
