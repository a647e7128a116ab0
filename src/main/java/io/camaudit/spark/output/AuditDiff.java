package io.camaudit.spark.output;

import io.camaudit.nightly.MetricChange;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
      RunCommit run,
      String runId,
      String baselineRunId,
      List<MetricChange> changes) {
    List<Row> rows = new ArrayList<>();
    for (MetricChange c : changes) {
      rows.add(
          RowFactory.create(
              c.groupColumn(),
              c.groupValue(),
              c.metric(),
              c.status().id(),
              c.before(),
              c.after(),
              c.change(),
              c.changeCiLow(),
              c.changeCiHigh(),
              c.pValue(),
              c.qValue(),
              c.nBefore(),
              c.nAfter(),
              c.threshold(),
              c.judged(),
              c.breached(),
              baselineRunId,
              runId));
    }
    run.writeTable(
        spark.createDataFrame(rows, OutputTable.AUDIT_DIFF.schema()).coalesce(1),
        OutputTable.AUDIT_DIFF);
  }
}
