package io.camaudit.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.CamAudit;
import io.camaudit.spark.output.TableFormat;
import io.camaudit.testing.IcebergRuntime;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running a run id loses nothing when the driver dies between staging and replacing, on either
 * table format, and run ids read back as strings whatever they look like, with Spark and with
 * DuckDB.
 *
 * <p>The driver is killed (the JVM halts, as on SIGKILL: no shutdown hooks) at the two points of a
 * commit: after the new run is staged, and with only its first table replaced. Those two runs are
 * processes of their own; the runs that end normally go through the library entry point ({@link
 * CamAudit}) on this class's session, which also reads the tables back.
 */
class RunReplacementIT {

  /** A date-like run id, which partition inference would read as a DATE. */
  private static final String NIGHT = "2026-11-25";

  /** Every table a run without a baseline writes, {@code heatmaps} (replaced first) first. */
  private static final List<String> TABLES =
      List.of(
          "heatmaps",
          "image_stats",
          "boxes",
          "rejected",
          "localisation",
          "localisation_curve",
          "group_metrics",
          "group_disparities",
          "runs");

  @TempDir Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = LocalSpark.start("run replacement");
  }

  @AfterAll
  static void stopSession() {
    spark.stop();
  }

  @Test
  void aParquetRerunKilledBetweenPhasesLosesNothingAndRunIdsStayStrings() throws Exception {
    AuditStore store = new AuditStore(TableFormat.PARQUET, dir);
    Rerun rerun = Rerun.of(dir);

    audit(store, rerun.before(), NIGHT);
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "image_stats"));
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "rejected"));

    assertKilledAt("staged", store, rerun.after());
    assertEquals(
        Map.of(NIGHT, 1L),
        rowsPerRun(store, "image_stats"),
        "killed after staging: the earlier run is whole");
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "rejected"));
    assertEquals(1, processed(store, NIGHT));

    assertKilledAt("replacing", store, rerun.after());
    assertEquals(1, entries(store.file("_commits")), "committed, replacement cut short");

    // The next run on this output, whatever its id, finishes the replacement first.
    audit(store, rerun.before(), "night-1");
    assertEquals(0, entries(store.file("_commits")));
    assertEquals(0, entries(store.file("_staging")), "no staged leftovers");
    assertEquals(
        Map.of(NIGHT, 3L, "night-1", 1L),
        rowsPerRun(store, "image_stats"),
        "the re-run is whole: its three images, no duplicates");
    assertEquals(
        Map.of("night-1", 1L),
        rowsPerRun(store, "rejected"),
        "the fixed input's rejection is gone");
    assertEquals(3, processed(store, NIGHT));

    duckDbReadsEveryTableWithStringRunIds(store, sparkReadsEveryTableWithStringRunIds(store));
  }

  @Test
  void anIcebergRerunKilledMidCommitLeavesEachTableOneCopyOfTheRun() throws Exception {
    IcebergRuntime.assumeAvailable();
    AuditStore store = new AuditStore(TableFormat.ICEBERG, dir);
    store.configure(spark);
    Rerun rerun = Rerun.of(dir);

    audit(store, rerun.before(), NIGHT);
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "heatmaps"));

    assertKilledAt("staged", store, rerun.after());
    for (String table : List.of("heatmaps", "image_stats", "rejected", "runs")) {
      assertEquals(
          Map.of(NIGHT, 1L), rowsPerRun(store, table), table + ": killed after staging, untouched");
    }
    assertEquals(1, processed(store, NIGHT));

    assertKilledAt("replacing", store, rerun.after());
    assertEquals(Map.of(), rowsPerRun(store, "runs"), "withdrawn from runs until its id reruns");
    assertEquals(Map.of(NIGHT, 3L), rowsPerRun(store, "heatmaps"), "the first table: new run");
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "image_stats"), "the others: old run");
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(store, "rejected"));

    audit(store, rerun.after(), NIGHT);
    assertEquals(Map.of(NIGHT, 3L), rowsPerRun(store, "image_stats"), "one copy, the new run");
    assertEquals(Map.of(NIGHT, 3L), rowsPerRun(store, "heatmaps"));
    assertEquals(Map.of(), rowsPerRun(store, "rejected"), "the fixed input's rejection is gone");
    assertEquals(3, processed(store, NIGHT));
    sparkReadsEveryTableWithStringRunIds(store);
  }

  /** A run's two manifests: {@code before} with one good image and one empty file, then fixed. */
  private record Rerun(Path before, Path after) {

    static Rerun of(Path dir) throws Exception {
      Path data = dir.resolve("data");
      assertEquals(
          0,
          JobProcess.run(dir, "generate-demo-data", "--output", data.toString(), "--count", "3")
              .exitCode());
      List<String> demo = Files.readAllLines(data.resolve("manifest.jsonl"));
      Files.write(data.resolve("empty.png"), new byte[0]);
      Path before = data.resolve("before.jsonl");
      Files.write(
          before,
          List.of(
              demo.get(0),
              demo.get(1).replaceFirst("\"path\":\"[^\"]+\"", "\"path\":\"empty.png\"")));
      Path after = data.resolve("after.jsonl");
      Files.write(after, demo);
      return new Rerun(before, after);
    }
  }

  /** Each table's rows per run, read by Spark, every table without duplicates. */
  private static Map<String, Map<String, Long>> sparkReadsEveryTableWithStringRunIds(
      AuditStore store) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (String table : TABLES) {
      Dataset<Row> rows = store.table(spark, table);
      assertEquals(DataTypes.StringType, rows.schema().apply("run_id").dataType(), table);
      assertEquals(rows.count(), rows.dropDuplicates().count(), table + " has no duplicates");
      counts.put(table, rowsPerRun(store, table));
    }
    return counts;
  }

  /** DuckDB, with its defaults, reads every table, run ids as strings, the rows Spark reads. */
  private void duckDbReadsEveryTableWithStringRunIds(
      AuditStore store, Map<String, Map<String, Long>> sparkCounts) throws Exception {
    var modules = ExternalTools.nodeModules("@duckdb/node-api");
    ExternalTools.assumeOrRequire(
        ExternalTools.DUCKDB,
        modules.isPresent(),
        "npm install @duckdb/node-api into the folder .ci/run uses");
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                Path.of("src/test/node/read-tables.cjs").toAbsolutePath().toString(),
                store.output()));
    command.addAll(TABLES);
    JobProcess.Result read =
        JobProcess.exec(dir, command, Map.of("NODE_PATH", modules.orElseThrow().toString()));
    assertEquals(0, read.exitCode(), read.output());
    Map<String, Map<String, Long>> duckCounts = new TreeMap<>();
    for (String line : read.output().strip().split("\n")) {
      JsonObject table = JsonParser.parseString(line).getAsJsonObject();
      String name = table.get("table").getAsString();
      assertEquals(
          "VARCHAR",
          table.getAsJsonObject("types").get("run_id").getAsString(),
          name + ": " + line);
      Map<String, Long> rows = new TreeMap<>();
      table
          .getAsJsonObject("rows")
          .entrySet()
          .forEach(e -> rows.put(e.getKey(), e.getValue().getAsLong()));
      duckCounts.put(name, rows);
    }
    assertEquals(sparkCounts, duckCounts, read.output());
  }

  /** An audit in this JVM, as a caller of the library would run it. */
  private static void audit(AuditStore store, Path manifest, String runId) {
    CamAudit.audit(spark, auditOptions(store, manifest, runId));
  }

  /**
   * A re-run of {@link #NIGHT} on {@code manifest} in a JVM of its own that halts at {@code point}
   * of the commit ({@code staged} or {@code replacing}, as {@code camaudit.test.crash-at} names
   * them).
   */
  private void assertKilledAt(String point, AuditStore store, Path manifest) throws Exception {
    List<String> jvmOptions = new ArrayList<>(store.jvmOptions());
    jvmOptions.add("-Dcamaudit.test.crash-at=" + point);
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(List.of(auditOptions(store, manifest, NIGHT)));
    JobProcess.Result killed = JobProcess.run(dir, jvmOptions, args.toArray(new String[0]));
    assertEquals(99, killed.exitCode(), killed.output());
  }

  private static String[] auditOptions(AuditStore store, Path manifest, String runId) {
    List<String> options = new ArrayList<>(List.of("--bootstrap-replicates", "100"));
    options.addAll(store.args());
    return JobProcess.auditOptions(
        manifest.toString(), store.output(), runId, options.toArray(new String[0]));
  }

  private static Map<String, Long> rowsPerRun(AuditStore store, String table) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row row : store.table(spark, table).groupBy("run_id").count().collectAsList()) {
      rows.put(row.getString(0), row.getLong(1));
    }
    return rows;
  }

  /** The run's processed images, as its {@code runs} row says. */
  private static long processed(AuditStore store, String runId) {
    return store
        .table(spark, "runs")
        .filter(col("run_id").equalTo(runId))
        .select("images_processed")
        .as(Encoders.LONG())
        .first();
  }

  private static long entries(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
