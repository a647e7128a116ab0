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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * server on loopback. One executor is killed in the middle of a second run: that run still
 * finishes with the same rows as the undisturbed one. Re-running a run id replaces it. The S3
 * secret appears in no output and no log.
 */
class ClusterS3IT {

  private static final int IMAGES = 240;

  @TempDir Path dir;

  @Test
  void standaloneClusterOnS3SurvivesAnExecutorKillAndReplacesReruns() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(0, JobProcess.run(dir, "generate-demo-data", "--output", data.toString(),
        "--count", "" + IMAGES).exitCode());
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), "images", "audit");
        LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"))) {
      Configuration conf = s3aConf(s3);
      org.apache.hadoop.fs.Path images = new org.apache.hadoop.fs.Path("s3a://images/demo");
      FileSystem fs = images.getFileSystem(conf);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(data.toUri()), images);

      Path properties = Files.createDirectories(dir.resolve("secrets")).resolve("spark.conf");
      Files.write(properties, Stream.concat(s3.sparkProperties().stream(),
          Stream.of("spark.executor.memory=1g")).map(p -> p.replaceFirst("=", " ")).toList());

      JobProcess.Result calm = audit(cluster, properties, "calm");
      assertEquals(0, calm.exitCode(), calm.output());
      JsonObject calmSummary = summary(conf, "calm");
      assertEquals(IMAGES, calmSummary.getAsJsonObject("counts").get("processed").getAsLong());
      assertEquals(2, calmSummary.get("model_loads").getAsLong(), "one load per executor JVM");
      assertEquals(2, calmSummary.getAsJsonArray("executors").size());

      Set<Path> calmLogs = cluster.executorLogs();
      CompletableFuture<JobProcess.Result> stormy =
          CompletableFuture.supplyAsync(() -> uncheckedAudit(cluster, properties, "stormy"));
      LocalCluster.awaitTrue("an executor to load the model", 180,
          () -> cluster.executorLogged("Loaded model", calmLogs));
      List<ProcessHandle> executors = cluster.executors();
      assertFalse(executors.isEmpty(), "executors are running");
      assertTrue(executors.get(0).destroyForcibly(), "killed an executor");
      JobProcess.Result storm = stormy.get();
      assertEquals(0, storm.exitCode(), storm.output());
      JsonObject stormSummary = summary(conf, "stormy");
      assertEquals(IMAGES, stormSummary.getAsJsonObject("counts").get("processed").getAsLong());
      assertEquals(stormSummary.getAsJsonArray("executors").size(),
          stormSummary.get("model_loads").getAsLong(), "loads = executor JVMs that ran tasks");

      JobProcess.Result again = audit(cluster, properties, "calm");
      assertEquals(0, again.exitCode(), again.output());

      try (SparkSession spark = s3aSession(s3)) {
        Dataset<Row> stats = spark.read().parquet("s3a://audit/out/image_stats");
        for (String run : List.of("calm", "stormy")) {
          Dataset<Row> rows = stats.filter("run_id = '" + run + "'");
          assertEquals(IMAGES, rows.count(), run + ": no duplicates after a re-run or a kill");
          assertEquals(IMAGES, rows.select("image_id").distinct().count(), run);
        }
        long differing = stats.filter("run_id = 'calm'").alias("a")
            .join(stats.filter("run_id = 'stormy'").alias("b"), "image_id")
            .filter("a.predicted_class <> b.predicted_class"
                + " OR abs(a.energy_in_fraction - b.energy_in_fraction) > 1e-6")
            .count();
        assertEquals(0, differing, "the disturbed run equals the undisturbed one");
        assertEquals(2, spark.read().parquet("s3a://audit/out/runs").count());
      }
      assertSecretNowhere(s3, List.of(calm, storm, again));
    }
  }

  private static JobProcess.Result audit(LocalCluster cluster, Path properties, String runId)
      throws Exception {
    return cluster.submit(cluster.dir.resolve("submit-" + runId), properties, "audit",
        "--manifest", "s3a://images/demo/manifest.jsonl", "--output", "s3a://audit/out",
        "--run-id", runId, "--group-cols", "source", "--partitions", "6", "--batch-size", "4");
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

  /** The secret key is in no stored object (tables, Parquet footers, summaries) and no log. */
  private static void assertSecretNowhere(S3ProxyServer s3, List<JobProcess.Result> runs)
      throws Exception {
    byte[] secret = s3.secretKey.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(s3.baseDir.resolve("audit"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(contains(Files.readAllBytes(file), secret), "secret in " + file);
      }
    }
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
