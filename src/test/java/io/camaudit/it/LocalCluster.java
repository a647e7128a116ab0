package io.camaudit.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster (master and two workers, each its own JVM) on 127.0.0.1, made from the
 * Spark jars of the line under test, started and stopped through {@code scripts/local-cluster}, the
 * helper users get.
 */
final class LocalCluster implements AutoCloseable {

  final Path dir;
  private final Map<String, String> env;

  private LocalCluster(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  static LocalCluster start(Path dir) throws Exception {
    Map<String, String> env =
        Map.of(
            "CLUSTER_DIR", dir.toString(),
            "WORKERS", "2",
            "MASTER_PORT", String.valueOf(freePort()),
            "MASTER_UI_PORT", String.valueOf(freePort()),
            "WORKER_UI_PORT", String.valueOf(freePort()),
            // The build folder of the line under test: its Spark jars make the cluster.
            "CAM_AUDIT_BUILD_DIR",
                Path.of(System.getProperty("camaudit.sparkClasspath")).getParent().toString());
    LocalCluster cluster = new LocalCluster(dir, env);
    cluster.script("start");
    return cluster;
  }

  /** Runs {@code spark-submit} of the cluster's SPARK_HOME with the application jar. */
  JobProcess.Result submit(Path workDir, Path propertiesFile, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                dir.resolve("spark-home/bin/spark-submit").toString(),
                "--properties-file",
                propertiesFile.toString(),
                "--class",
                "io.camaudit.cli.Main",
                System.getProperty("camaudit.appJar")));
    command.addAll(List.of(args));
    return JobProcess.exec(workDir, command, Map.of());
  }

  /** An executor of an application, as the worker's folders and Spark's event log name it. */
  record Executor(String appId, String id) {}

  /**
   * The standard error logs of every executor the workers have run so far: {@code
   * work-N/APP_ID/EXECUTOR_ID/stderr}. Only the workers' folders are read; the shuffle and
   * temporary files under {@code tmp} come and go while the walk runs.
   */
  Set<Path> executorLogs() throws IOException {
    Set<Path> logs = new HashSet<>();
    try (DirectoryStream<Path> workers = Files.newDirectoryStream(dir, "work-*")) {
      for (Path worker : workers) {
        try (Stream<Path> files = Files.find(worker, 3, (p, a) -> isStderr(p))) {
          files.forEach(logs::add);
        }
      }
    }
    return logs;
  }

  private static boolean isStderr(Path p) {
    return p.getFileName().toString().equals("stderr");
  }

  /**
   * An executor whose log ({@code work-N/APP_ID/EXECUTOR_ID/stderr}), not in {@code earlier}, holds
   * {@code text}.
   */
  Optional<Executor> executorLogging(String text, Set<Path> earlier) throws IOException {
    for (Path stderr : executorLogs()) {
      if (!earlier.contains(stderr) && Files.readString(stderr).contains(text)) {
        Path executorDir = stderr.getParent();
        return Optional.of(
            new Executor(
                executorDir.getParent().getFileName().toString(),
                executorDir.getFileName().toString()));
      }
    }
    return Optional.empty();
  }

  /** The running JVM of {@code executor}, found by the arguments its worker started it with. */
  ProcessHandle process(Executor executor) {
    List<ProcessHandle> matches =
        ProcessHandle.allProcesses()
            .filter(
                p -> {
                  List<String> args = List.of(p.info().arguments().orElse(new String[0]));
                  int app = args.indexOf("--app-id");
                  int id = args.indexOf("--executor-id");
                  return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")
                      && app >= 0
                      && id >= 0
                      && args.get(app + 1).equals(executor.appId())
                      && args.get(id + 1).equals(executor.id());
                })
            .toList();
    if (matches.size() != 1) {
      throw new AssertionError(matches.size() + " running JVMs of " + executor);
    }
    return matches.get(0);
  }

  private void script(String verb) throws Exception {
    Path script = Path.of("scripts", "local-cluster").toAbsolutePath();
    JobProcess.Result result =
        JobProcess.exec(dir.getParent(), List.of(script.toString(), verb), env);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "scripts/local-cluster " + verb + " failed:\n" + result.output());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Stops the master and workers, then any driver still submitted to them from this JVM (one a
   * failed test left waiting), so that it holds no port or core into the next test.
   */
  @Override
  public void close() throws Exception {
    script("stop");
    ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
        .forEach(ProcessHandle::destroyForcibly);
  }

  static void awaitTrue(String what, long seconds, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
  }

  /** A condition polled by {@link #awaitTrue}. */
  interface Check {
    boolean ok() throws Exception;
  }
}
