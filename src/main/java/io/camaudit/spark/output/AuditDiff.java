package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.AFTER;
import static io.camaudit.spark.output.OutputColumns.BASELINE_RUN_ID;
import static io.camaudit.spark.output.OutputColumns.BEFORE;
import static io.camaudit.spark.output.OutputColumns.BREACHED;
import static io.camaudit.spark.output.OutputColumns.CHANGE;
import static io.camaudit.spark.output.OutputColumns.GROUP_COLUMN;
import static io.camaudit.spark.output.OutputColumns.GROUP_VALUE;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.RUN_ID;
import static io.camaudit.spark.output.OutputColumns.THRESHOLD;
import static io.camaudit.spark.output.OutputColumns.VALUE;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import io.camaudit.nightly.AlertRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Compares a run's {@code group_metrics} with a baseline run's and writes {@code audit_diff}: one
 * row per (group column, group, metric) present in either run, with the change and whether it
 * breached its threshold.
 */
public final class AuditDiff {

  private static final List<String> KEYS =
      List.of(GROUP_COLUMN.name(), GROUP_VALUE.name(), METRIC.name());

  private AuditDiff() {}

  /** Whether {@code root} holds {@code group_metrics} for {@code runId}. */
  public static boolean hasRun(SparkSession spark, String root, String runId) {
    return OutputLayout.hasRun(spark, root, OutputTable.GROUP_METRICS.tableName(), runId);
  }

  /**
   * Stages the diff of this run's group metrics ({@code current}, not yet committed) against the
   * committed {@code group_metrics} of {@code baselineRunId} under {@code root}.
   *
   * @return the number of breached thresholds
   */
  public static long write(
      SparkSession spark,
      RunCommit run,
      String root,
      String runId,
      Dataset<Row> current,
      String baselineRunId,
      AlertRules thresholds) {
    Dataset<Row> before =
        side(
            spark
                .read()
                .parquet(
                    OutputLayout.runFiles(
                        root, OutputTable.GROUP_METRICS.tableName(), baselineRunId)),
            BEFORE);
    Dataset<Row> after = side(current, AFTER);
    Dataset<Row> diff =
        before
            .join(after, scala.jdk.javaapi.CollectionConverters.asScala(KEYS).toSeq(), "full_outer")
            .join(
                limits(spark, thresholds),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(METRIC.name())).toSeq(),
                "left_outer")
            .withColumn(CHANGE.name(), AFTER.col().minus(BEFORE.col()))
            .withColumn(
                BREACHED.name(), coalesce(abs(CHANGE.col()).gt(THRESHOLD.col()), lit(false)))
            .select(
                GROUP_COLUMN.col(),
                GROUP_VALUE.col(),
                METRIC.col(),
                BEFORE.col(),
                AFTER.col(),
                CHANGE.col(),
                THRESHOLD.col(),
                BREACHED.col(),
                BASELINE_RUN_ID.of(lit(baselineRunId)),
                RUN_ID.of(lit(runId)))
            .persist();
    try {
      run.writeTable(diff, OutputTable.AUDIT_DIFF);
      return diff.filter(BREACHED.col()).count();
    } finally {
      diff.unpersist();
    }
  }

  private static Dataset<Row> side(Dataset<Row> metrics, OutputColumn side) {
    return metrics.select(
        GROUP_COLUMN.col(), GROUP_VALUE.col(), METRIC.col(), side.of(VALUE.col()));
  }

  private static Dataset<Row> limits(SparkSession spark, AlertRules thresholds) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Double> e : thresholds.maxChange().entrySet()) {
      rows.add(RowFactory.create(e.getKey(), e.getValue()));
    }
    StructType schema = new StructType().add(METRIC.field()).add(THRESHOLD.field());
    return spark.createDataFrame(rows, schema);
  }
}
