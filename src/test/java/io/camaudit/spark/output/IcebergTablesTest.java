package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg store on a Hadoop catalog in a temporary folder: {@link IcebergStoreContract}'s
 * checks, and those that do not depend on the file system: a new group column added to {@code
 * image_stats}, rows that fail to compute, the messages of a bad configuration.
 */
class IcebergTablesTest extends IcebergStoreContract {

  @TempDir static Path warehouse;

  @Override
  String warehouseUri() {
    return warehouse.toUri().toString();
  }

  @Override
  void configureFileSystem(SparkSession spark) {}

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
}
