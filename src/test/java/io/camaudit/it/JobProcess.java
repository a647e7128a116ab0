package io.camaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a cam-audit command from the application jar in its own JVM, as the launchers in {@code
 * jobs/} do: the jar plus the Spark jars, the project's JVM options and logging configuration, DJL
 * offline, so that its output is what a user of the launchers reads.
 */
final class JobProcess {

  static {
    // A test that fails while a job still runs (a submit in the background, say) must not leave
    // the job behind when the test JVM exits.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
  }

  private JobProcess() {}

  /** The result of a run. */
  record Result(int exitCode, String output) {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, List.of(), args);
  }

  /** Runs {@code audit --manifest … --output … --run-id …} followed by {@code options}. */
  static Result audit(Path workDir, String manifest, String output, String runId, String... options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(List.of(auditOptions(manifest, output, runId, options)));
    return run(workDir, args.toArray(new String[0]));
  }

  /** The options of an audit of {@code manifest} into {@code output}, then {@code options}. */
  static String[] auditOptions(String manifest, String output, String runId, String... options) {
    List<String> args =
        new ArrayList<>(List.of("--manifest", manifest, "--output", output, "--run-id", runId));
    args.addAll(List.of(options));
    return args.toArray(new String[0]);
  }

  /** Runs a command with extra JVM options (system properties, say) before the main class. */
  static Result run(Path workDir, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    String jar = System.getProperty("camaudit.appJar");
    String sparkClasspath =
        Files.readString(Path.of(System.getProperty("camaudit.sparkClasspath")));
    Path tmp = Files.createDirectories(workDir.resolve("tmp"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + System.getProperty("camaudit.jvmOptions"));
    command.add("-Xmx2g");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dlog4j2.configurationFile=" + System.getProperty("camaudit.log4jConfig"));
    command.add("-Dspark.ui.enabled=false");
    command.add("-Dspark.ui.showConsoleProgress=false");
    command.add("-Dspark.master=local[2]");
    command.addAll(jvmOptions);
    String classpath = jar + java.io.File.pathSeparator + sparkClasspath.trim();
    ClassArchive archive =
        ClassArchive.forClasspath(
            classpath, Path.of(jar), args.length > 0 && args[0].equals("audit"));
    command.addAll(archive.jvmOptions());
    command.add("-cp");
    command.add(classpath);
    command.add("io.camaudit.cli.Main");
    command.addAll(List.of(args));
    Result result = exec(workDir, command, Map.of("SPARK_LOCAL_DIRS", tmp.toString()));
    archive.finish(result.exitCode() == 0);
    return result;
  }

  /** The command's program and its first arguments after the main class, if any. */
  private static String summary(List<String> command) {
    int main = command.indexOf("io.camaudit.cli.Main");
    List<String> shown = main < 0 ? command : command.subList(main + 1, command.size());
    String text = String.join(" ", shown.subList(0, Math.min(shown.size(), 8)));
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }

  /**
   * Runs {@code command} with DJL offline and Spark on the loopback address, waits for it (10
   * minutes at most) and returns its exit code and combined output.
   */
  static Result exec(Path workDir, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve("process-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.environment().put("DJL_OFFLINE", "true");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 10 minutes: " + String.join(" ", command));
    }
    // Where an integration test's time goes, in its report: one line per process.
    System.out.printf(
        "process exited %d after %.1f s: %s%n",
        process.exitValue(), (System.nanoTime() - start) / 1e9, summary(command));
    return new Result(process.exitValue(), Files.readString(log));
  }
}
