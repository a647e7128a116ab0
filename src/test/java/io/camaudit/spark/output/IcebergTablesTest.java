package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.testing.IcebergRuntime;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg store on a Hadoop catalog in a temporary folder: a run's partition replaced whole, a
 * new group column added to {@code image_stats}, {@code runs} withdrawn while a run's tables
 * change, the tables read back by Spark SQL.
 */
class IcebergTablesTest {

  private static final String CATALOG = "audit_test";

  @TempDir Path warehouse;

  private SparkSession spark;
  private IcebergTables store;

  @BeforeEach
  void start() {
    IcebergRuntime.assumeAvailable();
    spark = LocalSpark.start("iceberg tables");
    spark.conf().set("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog." + CATALOG + ".type", "hadoop");
    spark.conf().set("spark.sql.catalog." + CATALOG + ".warehouse", warehouse.toUri().toString());
    store = IcebergTables.open(spark, CATALOG + ".nightly");
  }

  @AfterEach
  void dropTables() {
    if (store == null) {
      return;
    }
    for (OutputTable table : OutputTable.values()) {
      spark.sql("DROP TABLE IF EXISTS " + store.name(table));
    }
  }

  @Test
  void aRerunReplacesItsRunWholeAndLeavesTheOthers() {
    commit("n1", List.of("a", "b", "c"), "first");
    commit("n2", List.of("d"), "first");
    commit("n1", List.of("e", "f"), "second");

    assertEquals(
        List.of("e", "f"), values(store.readRun(OutputTable.GROUP_METRICS, "n1").orElseThrow()));
    assertEquals(
        List.of("d"), values(store.readRun(OutputTable.GROUP_METRICS, "n2").orElseThrow()));
    assertEquals(
        List.of("n1", "n2"),
        spark
            .sql("SELECT run_id FROM " + store.name(OutputTable.RUNS) + " ORDER BY run_id")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList(),
        "one runs row per run");
    Row summary =
        spark.sql("SELECT summary_json FROM audit_test.nightly.runs WHERE run_id = 'n1'").first();
    assertEquals("second", summary.getString(0));
    assertEquals(
        2,
        spark.sql("SELECT * FROM audit_test.nightly.group_metrics WHERE run_id = 'n1'").count(),
        "Spark SQL reads the catalog table by its name");
    assertTrue(store.readRun(OutputTable.AUDIT_DIFF, "n1").isEmpty(), "a table no run wrote");
  }

  @Test
  void runsWithOtherGroupColumnsShareImageStats() {
    RunWriter first = store.begin("n1");
    first.writeTable(
        rows(
            OutputTable.IMAGE_STATS,
            List.of("source"),
            Map.of("image_id", "i1", "source", "cam", "run_id", "n1")),
        OutputTable.IMAGE_STATS,
        List.of("source"));
    first.writeTable(runsRow("n1", "{}"), OutputTable.RUNS);
    first.commit();
    RunWriter second = store.begin("n2");
    second.writeTable(
        rows(
            OutputTable.IMAGE_STATS,
            List.of("site"),
            Map.of("image_id", "i2", "site", "north", "run_id", "n2")),
        OutputTable.IMAGE_STATS,
        List.of("site"));
    second.writeTable(runsRow("n2", "{}"), OutputTable.RUNS);
    second.commit();

    Row before = store.readRun(OutputTable.IMAGE_STATS, "n1").orElseThrow().first();
    Row after = store.readRun(OutputTable.IMAGE_STATS, "n2").orElseThrow().first();
    assertEquals("cam", before.getAs("source"));
    assertNull(before.getAs("site"), "a column added after the run was written");
    assertEquals("north", after.getAs("site"));
    assertNull(after.getAs("source"));
  }

  @Test
  void aCommitCutShortLeavesTheRunOutOfRunsAndOneCopyInEachTable() {
    commitWithImageStats("n1", List.of("a", "b"));

    RunWriter cutShort = store.begin("n1");
    cutShort.writeTable(groupMetrics("n1", List.of("x")), OutputTable.GROUP_METRICS);
    cutShort.writeTable(imageStats("n1"), OutputTable.IMAGE_STATS);
    cutShort.writeTable(runsRow("n1", "second"), OutputTable.RUNS);
    // image_stats, committed after group_metrics, now fails to write.
    spark.sql(
        "ALTER TABLE "
            + store.name(OutputTable.IMAGE_STATS)
            + " SET TBLPROPERTIES ('write.format.default' = 'injected-failure')");
    assertThrows(RuntimeException.class, cutShort::commit);

    assertFalse(
        values(store.readAll(OutputTable.RUNS).orElseThrow()).contains("n1"),
        "the run is withdrawn from runs until its id runs again");
    assertEquals(
        List.of("x"),
        values(store.readRun(OutputTable.GROUP_METRICS, "n1").orElseThrow()),
        "a table committed before the failure holds the new run");
    assertEquals(
        1,
        store.readRun(OutputTable.IMAGE_STATS, "n1").orElseThrow().count(),
        "the table that failed holds the old run, once");

    spark.sql(
        "ALTER TABLE "
            + store.name(OutputTable.IMAGE_STATS)
            + " UNSET TBLPROPERTIES ('write.format.default')");
    commitWithImageStats("n1", List.of("y"));
    assertEquals(List.of("n1"), values(store.readAll(OutputTable.RUNS).orElseThrow()));
    assertEquals(List.of("y"), values(store.readRun(OutputTable.GROUP_METRICS, "n1").get()));
  }

  @Test
  void rowsThatFailToComputeFailTheStageAndLeaveTheEarlierRunWhole() {
    commitWithImageStats("n1", List.of("a"));

    RunWriter failing = store.begin("n1");
    failing.writeTable(groupMetrics("n1", List.of("x")), OutputTable.GROUP_METRICS);
    assertThrows(
        RuntimeException.class,
        () ->
            failing.writeTable(
                imageStats("n1").withColumn("label", raise_error(lit("injected")).cast("string")),
                OutputTable.IMAGE_STATS));

    assertEquals(List.of("n1"), values(store.readAll(OutputTable.RUNS).orElseThrow()));
    assertEquals(
        List.of("a"), values(store.readRun(OutputTable.GROUP_METRICS, "n1").orElseThrow()));
  }

  private void commitWithImageStats(String runId, List<String> values) {
    RunWriter run = store.begin(runId);
    run.writeTable(groupMetrics(runId, values), OutputTable.GROUP_METRICS);
    run.writeTable(imageStats(runId), OutputTable.IMAGE_STATS);
    run.writeTable(runsRow(runId, "summary"), OutputTable.RUNS);
    run.commit();
  }

  @Test
  void aBadOutputOrCatalogNamesTheFix() {
    IllegalArgumentException noNamespace =
        assertThrows(IllegalArgumentException.class, () -> IcebergTables.open(spark, CATALOG));
    assertTrue(noNamespace.getMessage().contains("<catalog>.<namespace>"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> IcebergTables.open(spark, "nowhere.nightly"));
    assertTrue(unknown.getMessage().contains("spark.sql.catalog.nowhere="), unknown.getMessage());
    IllegalArgumentException format =
        assertThrows(IllegalArgumentException.class, () -> TableFormat.parse("delta"));
    assertTrue(format.getMessage().contains("[parquet, iceberg]"), format.getMessage());
  }

  /** Commits a run of {@code group_metrics} rows whose group values are {@code values}. */
  private void commit(String runId, List<String> values, String summary) {
    RunWriter run = store.begin(runId);
    run.writeTable(groupMetrics(runId, values), OutputTable.GROUP_METRICS);
    run.writeTable(runsRow(runId, summary), OutputTable.RUNS);
    run.commit();
  }

  private Dataset<Row> groupMetrics(String runId, List<String> values) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String value : values) {
      rows.add(Map.of("group_column", "source", "group_value", value, "run_id", runId));
    }
    return rows(OutputTable.GROUP_METRICS, List.of(), rows);
  }

  private Dataset<Row> imageStats(String runId) {
    return rows(
        OutputTable.IMAGE_STATS,
        List.of(),
        Map.of("image_id", "i1", "label", "cat", "run_id", runId));
  }

  private Dataset<Row> runsRow(String runId, String summary) {
    return rows(OutputTable.RUNS, List.of(), Map.of("run_id", runId, "summary_json", summary));
  }

  @SafeVarargs
  private Dataset<Row> rows(OutputTable table, List<String> groups, Map<String, Object>... values) {
    return rows(table, groups, Arrays.asList(values));
  }

  /** Rows of {@code table} with {@code values} by column name, null elsewhere. */
  private Dataset<Row> rows(
      OutputTable table, List<String> groups, List<Map<String, Object>> values) {
    StructType schema = table.schema(groups);
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> row : values) {
      Object[] cells = new Object[schema.size()];
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        cells[i] = row.get(fields[i].name());
      }
      rows.add(RowFactory.create(cells));
    }
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The group values of {@code group_metrics} rows, or the run ids of {@code runs} rows, sorted.
   */
  private static List<String> values(Dataset<Row> rows) {
    String column =
        Arrays.asList(rows.columns()).contains("group_value") ? "group_value" : "run_id";
    return rows.select(column).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
