package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.*;

import io.camaudit.nightly.MetricChange;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code audit_diff} table: the nightly comparison's rows ({@link
 * io.camaudit.nightly.RunComparison}), one per (group column, group, metric) of either run.
 */
public final class AuditDiff {

  private AuditDiff() {}

  /** Stages {@code changes}, this run's comparison with {@code baselineRunId}. */
  public static void write(
      SparkSession spark,
      RunWriter run,
      String runId,
      String baselineRunId,
      List<MetricChange> changes) {
    List<Row> rows = new ArrayList<>();
    for (MetricChange c : changes) {
      rows.add(row(c, baselineRunId, runId));
    }
    run.writeTable(
        spark.createDataFrame(rows, OutputTable.AUDIT_DIFF.schema()).coalesce(1),
        OutputTable.AUDIT_DIFF);
  }

  /** One change's row. */
  static Row row(MetricChange c, String baselineRunId, String runId) {
    return TableRow.of(OutputTable.AUDIT_DIFF)
        .set(GROUP_COLUMN, c.groupColumn())
        .set(GROUP_VALUE, c.groupValue())
        .set(METRIC, c.metric())
        .set(STATUS, c.status().id())
        .set(BEFORE, c.before())
        .set(AFTER, c.after())
        .set(CHANGE, c.change())
        .set(CHANGE_CI_LOW, c.changeCiLow())
        .set(CHANGE_CI_HIGH, c.changeCiHigh())
        .set(P_VALUE, c.pValue())
        .set(Q_VALUE, c.qValue())
        .set(N_BEFORE, c.nBefore())
        .set(N_AFTER, c.nAfter())
        .set(THRESHOLD, c.threshold())
        .set(JUDGED, c.judged())
        .set(BREACHED, c.breached())
        .set(BASELINE_RUN_ID, baselineRunId)
        .set(RUN_ID, runId)
        .build();
  }
}
