package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.CamAudit;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running a run id loses nothing when the driver dies between writing and replacing, and run ids
 * read back as strings whatever they look like, with Spark and with DuckDB.
 *
 * <p>The driver is killed (the JVM halts, as on SIGKILL: no shutdown hooks) at the two points
 * between the phases of {@code RunCommit}: after the new run is staged, and after it is committed
 * with only its first table replaced. Those two runs are processes of their own; the runs that end
 * normally go through the library entry point ({@link CamAudit}) on this class's session, which
 * also reads the tables back.
 */
class RunReplacementIT {

  /** A date-like run id, which partition inference would read as a DATE. */
  private static final String NIGHT = "2026-11-25";

  /** Every table a run without a baseline writes. */
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
  void aRerunKilledBetweenPhasesLosesNothingAndRunIdsStayStrings() throws Exception {
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
    Path output = dir.resolve("out");

    audit(before, output, NIGHT);
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(output, "image_stats"));
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(output, "rejected"));

    JobProcess.Result staged = auditKilledAt("staged", after, output, NIGHT);
    assertEquals(99, staged.exitCode(), staged.output());
    assertEquals(
        Map.of(NIGHT, 1L),
        rowsPerRun(output, "image_stats"),
        "killed after staging: the earlier run is whole");
    assertEquals(Map.of(NIGHT, 1L), rowsPerRun(output, "rejected"));
    assertEquals(1, processed(output, NIGHT));

    JobProcess.Result replacing = auditKilledAt("replacing", after, output, NIGHT);
    assertEquals(99, replacing.exitCode(), replacing.output());
    assertEquals(1, entries(output.resolve("_commits")), "committed, replacement cut short");

    // The next run on this output, whatever its id, finishes the replacement first.
    audit(before, output, "night-1");
    assertEquals(0, entries(output.resolve("_commits")));
    assertEquals(0, entries(output.resolve("_staging")), "no staged leftovers");
    assertEquals(
        Map.of(NIGHT, 3L, "night-1", 1L),
        rowsPerRun(output, "image_stats"),
        "the re-run is whole: its three images, no duplicates");
    assertEquals(
        Map.of("night-1", 1L),
        rowsPerRun(output, "rejected"),
        "the fixed input's rejection is gone");
    assertEquals(3, processed(output, NIGHT));

    Map<String, Map<String, Long>> sparkCounts = new TreeMap<>();
    for (String table : TABLES) {
      Dataset<Row> rows = spark.read().parquet(output.resolve(table).toString());
      assertEquals(DataTypes.StringType, rows.schema().apply("run_id").dataType(), table);
      assertEquals(rows.count(), rows.dropDuplicates().count(), table + " has no duplicates");
      sparkCounts.put(table, rowsPerRun(output, table));
    }
    duckDbReadsEveryTableWithStringRunIds(output, sparkCounts);
  }

  /** DuckDB, with its defaults, reads every table, run ids as strings, the rows Spark reads. */
  private void duckDbReadsEveryTableWithStringRunIds(
      Path output, Map<String, Map<String, Long>> sparkCounts) throws Exception {
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
                output.toString()));
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
  private static void audit(Path manifest, Path output, String runId) {
    CamAudit.audit(spark, auditOptions(manifest, output, runId));
  }

  /** An audit in a JVM of its own that halts at {@code crashAt}, a point of {@code RunCommit}. */
  private JobProcess.Result auditKilledAt(String crashAt, Path manifest, Path output, String runId)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(List.of(auditOptions(manifest, output, runId)));
    return JobProcess.run(
        dir, List.of("-Dcamaudit.test.crash-at=" + crashAt), args.toArray(new String[0]));
  }

  private static String[] auditOptions(Path manifest, Path output, String runId) {
    return JobProcess.auditOptions(
        manifest.toString(), output.toString(), runId, "--bootstrap-replicates", "100");
  }

  private static Map<String, Long> rowsPerRun(Path output, String table) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row row :
        spark
            .read()
            .parquet(output.resolve(table).toString())
            .groupBy("run_id")
            .count()
            .collectAsList()) {
      rows.put(row.getString(0), row.getLong(1));
    }
    return rows;
  }

  private static long processed(Path output, String runId) throws Exception {
    return JsonParser.parseString(Files.readString(output.resolve("summaries/" + runId + ".json")))
        .getAsJsonObject()
        .getAsJsonObject("counts")
        .get("processed")
        .getAsLong();
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
