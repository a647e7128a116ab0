package io.camaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a command line in the test JVM through {@link Main#run}, the launchers' entry point, with
 * Spark's UI off, and captures what it prints.
 */
final class InProcessRun {

  /** The exit code and what the command printed. */
  record Outcome(int exitCode, String stdout, String stderr) {}

  private InProcessRun() {}

  static Outcome run(List<String> args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setProperty("spark.ui.enabled", "false");
    try {
      int exit = Main.run(args.toArray(new String[0]));
      return new Outcome(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      System.clearProperty("spark.ui.enabled");
    }
  }
}
