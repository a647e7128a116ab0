package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.data.TestImages;
import io.camaudit.testing.IcebergRuntime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar under spark-submit on a standalone cluster (a master and two workers, each
 * its own JVM), reading images (some of them bad) from and writing every table, heatmap PNGs and
 * overlays included, to S3 through S3A against a real S3 server on loopback. The run is then re-run
 * under its run id with the explain function held (each row waits, a test hook), and the executor
 * that has started explaining is killed: the driver's event log shows that executor removed, a task
 * of the explain stage failing on it and the same partition explained again elsewhere; the re-run
 * replaces the run, without duplicates, and every table equals the undisturbed run's row by row.
 * Where the line has an Iceberg runtime, the run is audited once more into Iceberg tables of a
 * Hadoop catalog on S3, and each table equals the undisturbed run's Parquet folder row by row. The
 * S3 secret appears in no stored object and in no log of the cluster (master, workers, executors,
 * driver, event logs) or of the S3 server.
 */
class ClusterS3IT {

  private static final int IMAGES = 240;

  /** The run id of the undisturbed run and of its disturbed re-run, which replaces it. */
  private static final String RUN_ID = "night";

  /** The demo's images and one CMYK JPEG without a colour profile, decoded with a warning. */
  private static final int PROCESSED = IMAGES + 1;

  /**
   * Manifest rows added to the demo's, each rejected for the reason it names: by the manifest
   * reader on the driver or by the explain function on an executor.
   */
  private static final Map<String, String> BAD_ROWS =
      Map.of(
          "bad-missing", "unreadable_file",
          "bad-empty", "empty_file",
          "bad-truncated", "corrupt_image",
          "bad-box", "invalid_box",
          "demo-000000", "duplicate_image_id");

  /**
   * Each explain row of the disturbed run waits this long: about 12 s of explaining per executor.
   */
  private static final int ROW_DELAY_MS = 100;

  /** The tables of a run that do not depend on its timing or on which executor ran what. */
  /** The option defaults of every run, a --config file that the runs read through S3A. */
  private static final String CONFIG = "s3a://audit/conf/audit.properties";

  /**
   * A Hadoop catalog of Iceberg tables on S3 (the cluster's Spark jars hold the line's Iceberg
   * runtime), into which the undisturbed run is audited again: its tables must equal the Parquet
   * folders' row for row.
   */
  private static final List<String[]> ICEBERG_CATALOG =
      List.of(
          new String[] {"spark.sql.catalog.s3_audit", "org.apache.iceberg.spark.SparkCatalog"},
          new String[] {"spark.sql.catalog.s3_audit.type", "hadoop"},
          new String[] {"spark.sql.catalog.s3_audit.warehouse", "s3a://audit/warehouse"});

  private static final List<String> DETERMINISTIC_TABLES =
      List.of(
          "heatmaps",
          "image_stats",
          "boxes",
          "rejected",
          "group_metrics",
          "group_disparities",
          "localisation",
          "localisation_curve",
          "slice_members");

  @TempDir Path dir;

  @Test
  void standaloneClusterOnS3SurvivesAnExecutorKillAndReplacesReruns() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(
                dir, "generate-demo-data", "--output", data.toString(), "--count", "" + IMAGES)
            .exitCode());
    addOddRows(data);
    try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3"), "images", "audit");
        LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"))) {
      Configuration conf = s3aConf(s3);
      org.apache.hadoop.fs.Path images = new org.apache.hadoop.fs.Path("s3a://images/demo");
      FileSystem fs = images.getFileSystem(conf);
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(data.toUri()), images);
      // Option defaults from a --config file on S3, named by a spark.camaudit.* conf.
      org.apache.hadoop.fs.Path configFile = new org.apache.hadoop.fs.Path(CONFIG);
      try (FSDataOutputStream config = configFile.getFileSystem(conf).create(configFile)) {
        // ROAD on a few images, so that its columns hold values and their seeded imputation is
        // shown to repeat in a run disturbed by the kill.
        config.write(
            "group-cols = source\nbatch-size = 4\nfaithfulness-sample = 0.03\n"
                .getBytes(StandardCharsets.UTF_8));
      }

      Path events = Files.createDirectories(dir.resolve("events"));
      Path properties = properties(s3, events, "");
      Path held = properties(s3, events, "-Dcamaudit.test.row-delay-ms=" + ROW_DELAY_MS);

      JobProcess.Result calm = audit(cluster, properties);
      assertEquals(0, calm.exitCode(), calm.output());
      JsonObject calmSummary = summary(conf);
      assertCounts(calmSummary);
      assertEquals(2, calmSummary.get("model_loads").getAsLong(), "one load per executor JVM");
      assertEquals(2, calmSummary.getAsJsonArray("executors").size());
      JsonObject settings = calmSummary.getAsJsonObject("settings");
      assertEquals("[\"source\"]", settings.get("group_columns").toString(), "from " + CONFIG);
      assertEquals(4, settings.get("batch_size").getAsInt(), "from " + CONFIG);
      assertEquals(6, settings.get("partitions").getAsInt(), "from spark.camaudit.partitions");

      try (SparkSession spark = s3aSession(s3)) {
        // The undisturbed run's tables, kept aside: the disturbed re-run of its run id replaces it.
        for (String table : DETERMINISTIC_TABLES) {
          run(spark, table).drop("run_id").write().parquet(undisturbed(table));
        }

        Set<Path> calmLogs = cluster.executorLogs();
        Set<Path> calmEvents = eventLogs(events);
        CompletableFuture<JobProcess.Result> stormy =
            CompletableFuture.supplyAsync(() -> uncheckedAudit(cluster, held));
        // The explain function opens the model in every task; each of its rows then waits 100
        // ms, so an executor that has logged the load is explaining for seconds to come.
        LocalCluster.awaitTrue(
            "an executor to start explaining",
            180,
            () -> cluster.executorLogging("Loaded model", calmLogs).isPresent());
        LocalCluster.Executor killed =
            cluster.executorLogging("Loaded model", calmLogs).orElseThrow();
        assertTrue(cluster.process(killed).destroyForcibly(), "killed " + killed);
        JobProcess.Result storm = stormy.get();
        assertEquals(0, storm.exitCode(), storm.output());
        ExplainStageLog.read(newEventLog(events, calmEvents))
            .assertLostAndExplainedAgain(killed.id());
        JsonObject stormSummary = summary(conf);
        assertCounts(stormSummary);
        assertEquals(
            stormSummary.getAsJsonArray("executors").size(),
            stormSummary.get("model_loads").getAsLong(),
            "loads = executor JVMs that ran tasks");

        for (String table : List.of("heatmaps", "image_stats")) {
          Dataset<Row> rows = run(spark, table);
          assertEquals(PROCESSED, rows.count(), table + ": one row per image");
          assertEquals(
              PROCESSED,
              rows.select("image_id").distinct().count(),
              table + ": no duplicates after a re-run disturbed by a kill");
        }
        Dataset<Row> boxes = run(spark, "boxes");
        assertEquals(
            boxes.count(),
            boxes.select("image_id", "tau", "region").distinct().count(),
            "boxes: no duplicates");
        Map<String, String> reasons = new TreeMap<>();
        run(spark, "rejected")
            .collectAsList()
            .forEach(r -> reasons.put(r.getAs("image_id"), r.getAs("reason")));
        assertEquals(new TreeMap<>(BAD_ROWS), reasons, "each bad row rejected once");
        for (String table : DETERMINISTIC_TABLES) {
          Dataset<Row> read = run(spark, table).drop("run_id");
          List<Row> disturbed = read.collectAsList();
          assertEveryColumnHasValues(read.columns(), disturbed, table);
          assertSameRows(spark.read().parquet(undisturbed(table)), read, table);
        }
        assertEquals(1, spark.read().parquet("s3a://audit/out/runs").count(), "one run");

        List<JobProcess.Result> runs = new ArrayList<>(List.of(calm, storm));
        if (IcebergRuntime.present()) {
          // The same run into Iceberg tables of a Hadoop catalog whose warehouse is on S3.
          JobProcess.Result iceberg =
              audit(
                  cluster,
                  properties(s3, events, "", ICEBERG_CATALOG),
                  "s3_audit.nightly",
                  "--table-format",
                  "iceberg");
          assertEquals(0, iceberg.exitCode(), iceberg.output());
          runs.add(iceberg);
          ICEBERG_CATALOG.forEach(c -> spark.conf().set(c[0], c[1]));
          for (String table : DETERMINISTIC_TABLES) {
            assertSameRows(
                spark.read().parquet(undisturbed(table)),
                spark.table("s3_audit.nightly." + table).drop("run_id"),
                table + " as an Iceberg table");
          }
          Row run = spark.table("s3_audit.nightly.runs").first();
          assertEquals(PROCESSED, (long) run.getAs("images_processed"));
        }
        assertSecretNowhere(s3, cluster, events, runs);
      }
    }
  }

  /**
   * Appends to the demo's manifest a CMYK JPEG without a profile and {@link #BAD_ROWS}: a missing
   * file, an empty one, a PNG cut in half, a box outside its image and a second row with an
   * existing image id.
   */
  private static void addOddRows(Path data) throws Exception {
    Path manifest = data.resolve("manifest.jsonl");
    JsonObject first =
        JsonParser.parseString(Files.readAllLines(manifest).get(0)).getAsJsonObject();
    byte[] png = Files.readAllBytes(data.resolve(first.get("path").getAsString()));
    Files.write(data.resolve("images/odd-cmyk.jpg"), TestImages.cmykJpegWithoutProfile(96, 96));
    Files.write(data.resolve("images/bad-empty.png"), new byte[0]);
    Files.write(data.resolve("images/bad-truncated.png"), Arrays.copyOf(png, png.length / 2));
    List<String> rows = new ArrayList<>();
    JsonObject cmyk = first.deepCopy();
    cmyk.addProperty("image_id", "odd-cmyk");
    cmyk.addProperty("path", "images/odd-cmyk.jpg");
    rows.add(cmyk.toString());
    for (String id : new TreeSet<>(BAD_ROWS.keySet())) {
      JsonObject row = first.deepCopy();
      row.addProperty("image_id", id);
      switch (BAD_ROWS.get(id)) {
        case "unreadable_file" -> row.addProperty("path", "images/bad-missing.png");
        case "empty_file", "corrupt_image" -> row.addProperty("path", "images/" + id + ".png");
        case "invalid_box" ->
            row.getAsJsonArray("boxes").get(0).getAsJsonObject().addProperty("x1", 1e4);
        case "duplicate_image_id" -> {}
        default -> throw new IllegalStateException(id);
      }
      rows.add(row.toString());
    }
    Files.write(manifest, rows, StandardOpenOption.APPEND);
  }

  /**
   * {@code actual} holds {@code expected}'s rows: a multiset difference over every column, arrays
   * and structs included, nulls as equal.
   */
  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, String table) {
    Map<String, Long> before = RowBag.of(expected.collectAsList());
    Column[] columns = Arrays.stream(expected.columns()).map(functions::col).toArray(Column[]::new);
    Map<String, Long> after = RowBag.of(actual.select(columns).collectAsList());
    assertEquals(Map.of(), RowBag.missingFrom(before, after), table + ": rows lost or changed");
    assertEquals(Map.of(), RowBag.missingFrom(after, before), table + ": rows added");
  }

  private static void assertCounts(JsonObject summary) {
    JsonObject counts = summary.getAsJsonObject("counts");
    assertEquals(PROCESSED, counts.get("processed").getAsLong(), "processed");
    assertEquals(BAD_ROWS.size(), counts.get("rejected").getAsLong(), "rejected");
  }

  /** No column of a compared table is null in every row: each comparison sees real values. */
  private static void assertEveryColumnHasValues(String[] columns, List<Row> rows, String table) {
    assertFalse(rows.isEmpty(), table + " has rows");
    for (int i = 0; i < columns.length; i++) {
      int column = i;
      assertTrue(
          rows.stream().anyMatch(row -> !row.isNullAt(column)),
          table + "." + columns[i] + " holds a value");
    }
  }

  /**
   * Spark properties for a submit: S3A, executor memory, event logs, extra executor JVM options.
   */
  private Path properties(S3ProxyServer s3, Path events, String executorOptions) throws Exception {
    return properties(s3, events, executorOptions, List.of());
  }

  /** The same, plus {@code catalog}'s confs. */
  private Path properties(
      S3ProxyServer s3, Path events, String executorOptions, List<String[]> catalog)
      throws Exception {
    Path file =
        Files.createDirectories(dir.resolve("secrets"))
            .resolve(
                "spark"
                    + (executorOptions.isEmpty() ? "" : "-held")
                    + (catalog.isEmpty() ? "" : "-catalog")
                    + ".conf");
    List<String> lines = new ArrayList<>(s3.sparkProperties());
    catalog.forEach(conf -> lines.add(conf[0] + "=" + conf[1]));
    lines.add("spark.executor.memory=1g");
    lines.add("spark.eventLog.enabled=true");
    // One plain JSON file per application (Spark 4 rolls and compresses them by default).
    lines.add("spark.eventLog.rolling.enabled=false");
    lines.add("spark.eventLog.compress=false");
    lines.add("spark.eventLog.dir=" + events.toUri());
    lines.add("spark.camaudit.config=" + CONFIG);
    lines.add("spark.camaudit.partitions=6");
    if (!executorOptions.isEmpty()) {
      // The cluster's spark-submit sets the executors' Java options on its command line, which
      // wins over this file: the JVM's own environment variable reaches them.
      lines.add("spark.executorEnv.JAVA_TOOL_OPTIONS=" + executorOptions);
    }
    Files.write(file, lines.stream().map(p -> p.replaceFirst("=", " ")).toList());
    return file;
  }

  private static Dataset<Row> run(SparkSession spark, String table) {
    return spark.read().parquet("s3a://audit/out/" + table).filter("run_id = '" + RUN_ID + "'");
  }

  private String undisturbed(String table) {
    return dir.resolve("undisturbed").resolve(table).toUri().toString();
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

  private static JobProcess.Result audit(LocalCluster cluster, Path properties) throws Exception {
    return audit(cluster, properties, "s3a://audit/out");
  }

  private static JobProcess.Result audit(
      LocalCluster cluster, Path properties, String output, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--manifest",
                "s3a://images/demo/manifest.jsonl",
                "--output",
                output,
                "--run-id",
                RUN_ID,
                "--heatmap-png",
                "--overlay-png",
                "turbo"));
    args.addAll(List.of(more));
    return cluster.submit(
        cluster.dir.resolve("submit-" + properties.getFileName()),
        properties,
        args.toArray(new String[0]));
  }

  private static JobProcess.Result uncheckedAudit(LocalCluster cluster, Path properties) {
    try {
      return audit(cluster, properties);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject summary(Configuration conf) throws Exception {
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path("s3a://audit/out/summaries/" + RUN_ID + ".json");
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
