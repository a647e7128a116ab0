package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.testing.IcebergRuntime;
import io.camaudit.testing.LocalSpark;
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

/**
 * What the Iceberg store does on a Hadoop catalog, whatever file system its warehouse is on: a
 * run's partition replaced whole, the tables read back by Spark SQL, {@code runs} withdrawn while a
 * run's tables change. {@link IcebergTablesTest} runs it on local files, {@link IcebergS3IT} on S3.
 */
abstract class IcebergStoreContract {

  static final String CATALOG = "audit_test";

  SparkSession spark;
  IcebergTables store;

  @BeforeEach
  void start() {
    IcebergRuntime.assumeAvailable();
    spark = LocalSpark.start("iceberg tables");
    spark.conf().set("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog." + CATALOG + ".type", "hadoop");
    spark.conf().set("spark.sql.catalog." + CATALOG + ".warehouse", warehouseUri());
    configureFileSystem(spark);
    store = IcebergTables.open(spark, CATALOG + ".nightly");
  }

  /** The catalog's warehouse, one per class: a session keeps a catalog as it first loaded it. */
  abstract String warehouseUri();

  /** Settings the warehouse's file system needs. */
  abstract void configureFileSystem(SparkSession spark);

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

  void commitWithImageStats(String runId, List<String> values) {
    RunWriter run = store.begin(runId);
    run.writeTable(groupMetrics(runId, values), OutputTable.GROUP_METRICS);
    run.writeTable(imageStats(runId), OutputTable.IMAGE_STATS);
    run.writeTable(runsRow(runId, "summary"), OutputTable.RUNS);
    run.commit();
  }

  /** Commits a run of {@code group_metrics} rows whose group values are {@code values}. */
  void commit(String runId, List<String> values, String summary) {
    RunWriter run = store.begin(runId);
    run.writeTable(groupMetrics(runId, values), OutputTable.GROUP_METRICS);
    run.writeTable(runsRow(runId, summary), OutputTable.RUNS);
    run.commit();
  }

  Dataset<Row> groupMetrics(String runId, List<String> values) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String value : values) {
      rows.add(Map.of("group_column", "source", "group_value", value, "run_id", runId));
    }
    return rows(OutputTable.GROUP_METRICS, List.of(), rows);
  }

  Dataset<Row> imageStats(String runId) {
    return rows(
        OutputTable.IMAGE_STATS,
        List.of(),
        Map.of("image_id", "i1", "label", "cat", "run_id", runId));
  }

  Dataset<Row> runsRow(String runId, String summary) {
    return rows(OutputTable.RUNS, List.of(), Map.of("run_id", runId, "summary_json", summary));
  }

  @SafeVarargs
  final Dataset<Row> rows(OutputTable table, List<String> groups, Map<String, Object>... values) {
    return rows(table, groups, Arrays.asList(values));
  }

  /** Rows of {@code table} with {@code values} by column name, null elsewhere. */
  Dataset<Row> rows(OutputTable table, List<String> groups, List<Map<String, Object>> values) {
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
  static List<String> values(Dataset<Row> rows) {
    String column =
        Arrays.asList(rows.columns()).contains("group_value") ? "group_value" : "run_id";
    return rows.select(column).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
