package io.camaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of every job: {@code audit}, {@code generate-demo-data}, {@code train-demo-model}. */
@Command(
    name = "cam-audit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Dataset auditing with Grad-CAM on Apache Spark.",
    subcommands = {
      AuditCommand.class,
      GenerateDemoDataCommand.class,
      TrainDemoModelCommand.class
    })
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
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
