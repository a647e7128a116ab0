package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar under spark-submit on a standalone cluster (a master and two workers, each
 * its own JVM), reading images from and writing every table to S3 through S3A against a real S3
 * server on loopback. In a second run the explain stage is held (each row waits, a test hook) and
 * one executor is killed while it explains: the driver's event log shows the executor lost and its
 * tasks re-run, and every table equals the undisturbed run's row by row, without duplicates.
 * Re-running a run id replaces it. The S3 secret appears in no stored object and in no log of the
 * cluster (master, workers, executors, driver, event logs) or of the S3 server.
 */
class ClusterS3IT {

  private static final int IMAGES = 240;

  /**
   * Each explain row of the disturbed run waits this long: about 12 s of explaining per executor.
   */
  private static final int ROW_DELAY_MS = 100;

  /** The tables of a run that do not depend on its timing or on which executor ran what. */
  private static final List<String> DETERMINISTIC_TABLES =
      List.of(
          "heatmaps",
          "image_stats",
          "boxes",
          "rejected",
          "group_metrics",
          "group_disparities",
          "localisation",
          "localisation_curve");

  @TempDir Path dir;

  @Test
  void standaloneClusterOnS3SurvivesAnExecutorKillAndReplacesReruns() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(
                dir, "generate-demo-data", "--output", data.toString(), "--count", "" + IMAGES)
            .exitCode());
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), "images", "audit");
        LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"))) {
      Configuration conf = s3aConf(s3);
      org.apache.hadoop.fs.Path images = new org.apache.hadoop.fs.Path("s3a://images/demo");
      FileSystem fs = images.getFileSystem(conf);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(data.toUri()), images);

      Path events = Files.createDirectories(dir.resolve("events"));
      Path properties = properties(s3, events, "");
      Path held = properties(s3, events, "-Dcamaudit.test.row-delay-ms=" + ROW_DELAY_MS);

      JobProcess.Result calm = audit(cluster, properties, "calm");
      assertEquals(0, calm.exitCode(), calm.output());
      JsonObject calmSummary = summary(conf, "calm");
      assertEquals(IMAGES, calmSummary.getAsJsonObject("counts").get("processed").getAsLong());
      assertEquals(2, calmSummary.get("model_loads").getAsLong(), "one load per executor JVM");
      assertEquals(2, calmSummary.getAsJsonArray("executors").size());

      Set<Path> calmLogs = cluster.executorLogs();
      Set<Path> calmEvents = eventLogs(events);
      CompletableFuture<JobProcess.Result> stormy =
          CompletableFuture.supplyAsync(() -> uncheckedAudit(cluster, held, "stormy"));
      // The explain stage opens the model in every task; each of its 240 rows then waits 100 ms,
      // so an executor that has logged the load is explaining for seconds to come.
      LocalCluster.awaitTrue(
          "an executor to start explaining",
          180,
          () -> cluster.executorLogged("Loaded model", calmLogs));
      List<ProcessHandle> executors = cluster.executors();
      assertFalse(executors.isEmpty(), "executors are running");
      assertTrue(executors.get(0).destroyForcibly(), "killed an executor");
      JobProcess.Result storm = stormy.get();
      assertEquals(0, storm.exitCode(), storm.output());
      assertExplainTasksRerunAfterExecutorLoss(newEventLog(events, calmEvents));
      JsonObject stormSummary = summary(conf, "stormy");
      assertEquals(IMAGES, stormSummary.getAsJsonObject("counts").get("processed").getAsLong());
      assertEquals(
          stormSummary.getAsJsonArray("executors").size(),
          stormSummary.get("model_loads").getAsLong(),
          "loads = executor JVMs that ran tasks");

      JobProcess.Result again = audit(cluster, properties, "calm");
      assertEquals(0, again.exitCode(), again.output());

      try (SparkSession spark = s3aSession(s3)) {
        for (String run : List.of("calm", "stormy")) {
          for (String table : List.of("heatmaps", "image_stats")) {
            Dataset<Row> rows = run(spark, table, run);
            assertEquals(IMAGES, rows.count(), run + " " + table + ": one row per image");
            assertEquals(
                IMAGES,
                rows.select("image_id").distinct().count(),
                run + " " + table + ": no duplicates after a re-run or a kill");
          }
          Dataset<Row> boxes = run(spark, "boxes", run);
          assertEquals(
              boxes.count(),
              boxes.select("image_id", "tau", "region").distinct().count(),
              run + " boxes: no duplicates");
        }
        for (String table : DETERMINISTIC_TABLES) {
          Dataset<Row> undisturbed = run(spark, table, "calm").drop("run_id");
          Dataset<Row> disturbed = run(spark, table, "stormy").drop("run_id");
          // Set difference compares every column, arrays and structs included, nulls as equal.
          assertEquals(
              0, undisturbed.exceptAll(disturbed).count(), table + ": rows lost or changed");
          assertEquals(0, disturbed.exceptAll(undisturbed).count(), table + ": rows added");
        }
        assertEquals(2, spark.read().parquet("s3a://audit/out/runs").count());
      }
      assertSecretNowhere(s3, cluster, events, List.of(calm, storm, again));
    }
  }

  /**
   * Spark properties for a submit: S3A, executor memory, event logs, extra executor JVM options.
   */
  private Path properties(S3ProxyServer s3, Path events, String executorOptions) throws Exception {
    Path file =
        Files.createDirectories(dir.resolve("secrets"))
            .resolve("spark" + (executorOptions.isEmpty() ? "" : "-held") + ".conf");
    List<String> lines = new ArrayList<>(s3.sparkProperties());
    lines.add("spark.executor.memory=1g");
    lines.add("spark.eventLog.enabled=true");
    // One plain JSON file per application (Spark 4 rolls and compresses them by default).
    lines.add("spark.eventLog.rolling.enabled=false");
    lines.add("spark.eventLog.compress=false");
    lines.add("spark.eventLog.dir=" + events.toUri());
    if (!executorOptions.isEmpty()) {
      // The cluster's spark-submit sets the executors' Java options on its command line, which
      // wins over this file: the JVM's own environment variable reaches them.
      lines.add("spark.executorEnv.JAVA_TOOL_OPTIONS=" + executorOptions);
    }
    Files.write(file, lines.stream().map(p -> p.replaceFirst("=", " ")).toList());
    return file;
  }

  private static Dataset<Row> run(SparkSession spark, String table, String runId) {
    return spark.read().parquet("s3a://audit/out/" + table).filter("run_id = '" + runId + "'");
  }

  private static Set<Path> eventLogs(Path events) throws Exception {
    try (Stream<Path> files = Files.list(events)) {
      return files.collect(Collectors.toSet());
    }
  }

  private static Path newEventLog(Path events, Set<Path> earlier) throws Exception {
    List<Path> added = eventLogs(events).stream().filter(p -> !earlier.contains(p)).toList();
    assertEquals(1, added.size(), "one event log for the disturbed run: " + added);
    return added.get(0);
  }

  /**
   * From the driver's event log: an executor was removed, a task of the explain stage (the stage of
   * the job described as explaining images) failed with {@code ExecutorLostFailure}, and the same
   * task (stage and partition) ran again afterwards and succeeded.
   */
  private static void assertExplainTasksRerunAfterExecutorLoss(Path eventLog) throws Exception {
    Set<Long> explainStages = new HashSet<>();
    Set<String> lost = new HashSet<>();
    Set<String> rerun = new HashSet<>();
    boolean removed = false;
    for (String line : Files.readAllLines(eventLog)) {
      JsonObject event = JsonParser.parseString(line).getAsJsonObject();
      switch (event.get("Event").getAsString()) {
        case "SparkListenerJobStart" -> {
          JsonObject properties = event.getAsJsonObject("Properties");
          if (properties != null
              && properties.has("spark.job.description")
              && properties.get("spark.job.description").getAsString().endsWith("explain images")) {
            event.getAsJsonArray("Stage IDs").forEach(id -> explainStages.add(id.getAsLong()));
          }
        }
        case "SparkListenerExecutorRemoved" -> removed = true;
        case "SparkListenerTaskEnd" -> {
          long stage = event.get("Stage ID").getAsLong();
          if (!explainStages.contains(stage)) {
            continue;
          }
          JsonObject info = event.getAsJsonObject("Task Info");
          String task = stage + "/" + info.get("Index").getAsInt();
          String reason = event.getAsJsonObject("Task End Reason").get("Reason").getAsString();
          if (reason.equals("ExecutorLostFailure")) {
            lost.add(task);
          } else if (reason.equals("Success") && lost.contains(task)) {
            // A later attempt, in the same stage attempt or a resubmitted one (the lost
            // executor's shuffle outputs are recomputed then, and attempts count from 0 again).
            rerun.add(task);
          }
        }
        default -> {}
      }
    }
    assertTrue(removed, "the driver saw an executor removed");
    assertFalse(lost.isEmpty(), "an explain task failed with ExecutorLostFailure");
    assertTrue(
        rerun.containsAll(lost),
        "every lost explain task ran again and succeeded: lost " + lost + ", re-run " + rerun);
  }

  private static JobProcess.Result audit(LocalCluster cluster, Path properties, String runId)
      throws Exception {
    return cluster.submit(
        cluster.dir.resolve("submit-" + runId),
        properties,
        "audit",
        "--manifest",
        "s3a://images/demo/manifest.jsonl",
        "--output",
        "s3a://audit/out",
        "--run-id",
        runId,
        "--group-cols",
        "source",
        "--partitions",
        "6",
        "--batch-size",
        "4");
  }

  private static JobProcess.Result uncheckedAudit(
      LocalCluster cluster, Path properties, String runId) {
    try {
      return audit(cluster, properties, runId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject summary(Configuration conf, String runId) throws Exception {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path("s3a://audit/out/summaries/" + runId + ".json");
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
  }

  private static Configuration s3aConf(S3ProxyServer s3) {
    Configuration conf = new Configuration();
    for (String property : s3.sparkProperties()) {
      String[] kv = property.substring("spark.hadoop.".length()).split("=", 2);
      conf.set(kv[0], kv[1]);
    }
    return conf;
  }

  private static SparkSession s3aSession(S3ProxyServer s3) {
    SparkSession.Builder builder =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false);
    for (String property : s3.sparkProperties()) {
      String[] kv = property.split("=", 2);
      builder.config(kv[0], kv[1]);
    }
    return builder.getOrCreate();
  }

  /**
   * The secret key is in no stored object (tables, Parquet footers, summaries) and in no log: the
   * driver's output, the event logs, and every file the cluster wrote (the master's and workers'
   * logs, each executor's stdout and stderr) or the S3 server did (its log), only the properties
   * files that hold the key on purpose left out.
   */
  private static void assertSecretNowhere(
      S3ProxyServer s3, LocalCluster cluster, Path events, List<JobProcess.Result> runs)
      throws Exception {
    byte[] secret = s3.secretKey.getBytes(StandardCharsets.UTF_8);
    int logs = 0;
    for (Path root :
        List.of(s3.baseDir.resolve("audit"), cluster.dir, events, s3.logFile().getParent())) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (file.equals(s3.propertiesFile())
              || (file.startsWith(s3.baseDir) && !file.startsWith(s3.baseDir.resolve("audit")))) {
            continue;
          }
          assertFalse(contains(Files.readAllBytes(file), secret), "secret in " + file);
          logs +=
              file.toString().endsWith(".log")
                      || file.getFileName().toString().matches("stderr|stdout|app-.*")
                  ? 1
                  : 0;
        }
      }
    }
    assertTrue(
        logs >= 6,
        "the master's, workers', executors', S3 server's and event logs were" + " read: " + logs);
    for (JobProcess.Result run : runs) {
      assertFalse(run.output().contains(s3.secretKey), "secret in a job log");
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
