package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.nightly.ChangeStatus;
import io.camaudit.nightly.MetricChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Rows built by column name: values land under their names whatever the order they are given in,
 * and the tables' row builders put each value of two same-typed columns under its own name (a swap
 * of {@code started_at} and {@code finished_at}, or of an interval's ends, fails here).
 */
class TableRowTest {

  /** The value of {@code column} in {@code row} of {@code table}, found by name. */
  private static Object get(Row row, OutputTable table, OutputColumn column) {
    StructType schema = table.schema();
    return row.get(schema.fieldIndex(column.name()));
  }

  @Test
  void valuesLandUnderTheirNamesWhateverTheOrder() {
    TableRow builder = TableRow.of(OutputTable.GROUP_DISPARITIES);
    List<OutputColumn> reversed = new ArrayList<>(OutputTable.GROUP_DISPARITIES.columns());
    Collections.reverse(reversed);
    for (OutputColumn column : reversed) {
      builder.set(column, column.name());
    }
    Row row = builder.build();
    for (OutputColumn column : OutputTable.GROUP_DISPARITIES.columns()) {
      assertEquals(column.name(), get(row, OutputTable.GROUP_DISPARITIES, column));
    }
  }

  @Test
  void missingUnknownAndRepeatedColumnsAreRefusedByName() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> TableRow.of(OutputTable.RUNS).set(OutputColumns.RUN_ID, "r").build());
    assertTrue(missing.getMessage().contains("started_at"), missing.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> TableRow.of(OutputTable.RUNS).set(OutputColumns.CI_LOW, 0.1));
    assertTrue(unknown.getMessage().contains("ci_low"), unknown.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TableRow.of(OutputTable.RUNS)
                .set(OutputColumns.RUN_ID, "a")
                .set(OutputColumns.RUN_ID, "b"));
  }

  @Test
  void theRunsRowKeepsStartAndFinishApart() {
    RunSummary summary =
        new RunSummary(
            "r",
            new RunSummary.Period(
                "2026-12-01T01:00:00Z", "2026-12-01T01:05:00Z", "2026-12-01T00:00:00Z"),
            "1.0",
            Map.of(
                "location",
                "builtin:demo-cnn",
                "name",
                "demo-cnn",
                "digest",
                "d",
                "layer",
                "l",
                "method",
                "gradcam"),
            Map.of(),
            new RunSummary.Counts(10, 9, 1, 9, Map.of()),
            new RunSummary.Execution(1, List.of("driver"), 300.0, 0.03, 1.0, Map.of(), 0),
            new RunSummary.Comparison(
                List.of(new GroupMetric("*", "*", "accuracy", 9, 1.0, 1.0, 1.0)),
                "none asked (--baseline-run none)",
                null,
                null,
                0,
                false),
            List.of());
    Row row = RunsTable.row(summary);
    assertEquals("2026-12-01T01:00:00Z", get(row, OutputTable.RUNS, OutputColumns.STARTED_AT));
    assertEquals("2026-12-01T01:05:00Z", get(row, OutputTable.RUNS, OutputColumns.FINISHED_AT));
    assertEquals(10L, get(row, OutputTable.RUNS, OutputColumns.IMAGES_READ));
    assertEquals(9L, get(row, OutputTable.RUNS, OutputColumns.IMAGES_PROCESSED));
    assertEquals(1L, get(row, OutputTable.RUNS, OutputColumns.IMAGES_REJECTED));
    assertEquals(300.0, get(row, OutputTable.RUNS, OutputColumns.SECONDS));
    assertEquals(0.03, get(row, OutputTable.RUNS, OutputColumns.IMAGES_PER_SECOND));
  }

  @Test
  void theGroupMetricsRowKeepsTheIntervalsEndsApart() {
    Row row =
        GroupMetricsTable.row(
            new GroupEstimate(
                new GroupMetric("source", "studio", "accuracy", 40, 0.5, 0.4, 0.6),
                new double[] {0.45, 0.55}),
            "r");
    OutputTable t = OutputTable.GROUP_METRICS;
    assertEquals(0.5, get(row, t, OutputColumns.VALUE));
    assertEquals(0.4, get(row, t, OutputColumns.CI_LOW));
    assertEquals(0.6, get(row, t, OutputColumns.CI_HIGH));
    assertEquals(40L, get(row, t, OutputColumns.N));
  }

  @Test
  void theAuditDiffRowKeepsEachNumberUnderItsName() {
    MetricChange change =
        new MetricChange(
            "source",
            "studio",
            "accuracy",
            ChangeStatus.CHANGED,
            0.9,
            0.6,
            -0.3,
            -0.4,
            -0.2,
            0.001,
            0.004,
            40,
            30,
            0.02,
            true,
            true);
    Row row = AuditDiff.row(change, "night-1", "night-2");
    OutputTable t = OutputTable.AUDIT_DIFF;
    assertEquals(0.9, get(row, t, OutputColumns.BEFORE));
    assertEquals(0.6, get(row, t, OutputColumns.AFTER));
    assertEquals(-0.3, get(row, t, OutputColumns.CHANGE));
    assertEquals(-0.4, get(row, t, OutputColumns.CHANGE_CI_LOW));
    assertEquals(-0.2, get(row, t, OutputColumns.CHANGE_CI_HIGH));
    assertEquals(0.001, get(row, t, OutputColumns.P_VALUE));
    assertEquals(0.004, get(row, t, OutputColumns.Q_VALUE));
    assertEquals(40L, get(row, t, OutputColumns.N_BEFORE));
    assertEquals(30L, get(row, t, OutputColumns.N_AFTER));
    assertEquals(0.02, get(row, t, OutputColumns.THRESHOLD));
    assertEquals("night-1", get(row, t, OutputColumns.BASELINE_RUN_ID));
    assertEquals("night-2", get(row, t, OutputColumns.RUN_ID));
  }
}
