package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Compares a run's {@code group_metrics} with a baseline run's and writes {@code audit_diff}: one
 * row per (group column, group, metric) present in either run, with the change and whether it
 * breached its threshold.
 */
public final class AuditDiff {

  static final String TABLE = "audit_diff";
  private static final List<String> KEYS = List.of("group_column", "group_value", "metric");

  private AuditDiff() {}

  /** Whether {@code root} holds {@code group_metrics} for {@code runId}. */
  public static boolean hasRun(SparkSession spark, String root, String runId) {
    return OutputLayout.hasRun(spark, root, GroupMetricsTable.TABLE, runId);
  }

  /**
   * Stages the diff of this run's group metrics ({@code current}, not yet committed) against
   * the committed {@code group_metrics} of {@code baselineRunId} under {@code root}.
   *
   * @return the number of breached thresholds
   */
  public static long write(
      SparkSession spark, RunCommit run, String root, String runId, Dataset<Row> current,
      String baselineRunId, AuditThresholds thresholds) {
    Dataset<Row> before = side(
        spark.read().parquet(OutputLayout.runFiles(root, GroupMetricsTable.TABLE, baselineRunId)),
        "before");
    Dataset<Row> after = side(current, "after");
    Dataset<Row> diff =
        before
            .join(after, scala.jdk.javaapi.CollectionConverters.asScala(KEYS).toSeq(), "full_outer")
            .join(limits(spark, thresholds), scala.jdk.javaapi.CollectionConverters.asScala(
                List.of("metric")).toSeq(), "left_outer")
            .withColumn("change", col("after").minus(col("before")))
            .withColumn(
                "breached",
                coalesce(abs(col("change")).gt(col("threshold")), lit(false)))
            .select(
                col("group_column"), col("group_value"), col("metric"), col("before"),
                col("after"), col("change"), col("threshold"), col("breached"),
                lit(baselineRunId).as("baseline_run_id"), lit(runId).as("run_id"))
            .persist();
    try {
      run.writeTable(diff, TABLE);
      return diff.filter(col("breached")).count();
    } finally {
      diff.unpersist();
    }
  }

  private static Dataset<Row> side(Dataset<Row> metrics, String name) {
    return metrics.select(
        col("group_column"), col("group_value"), col("metric"), col("value").as(name));
  }

  private static Dataset<Row> limits(SparkSession spark, AuditThresholds thresholds) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Double> e : thresholds.maxChange().entrySet()) {
      rows.add(RowFactory.create(e.getKey(), e.getValue()));
    }
    StructType schema =
        new StructType().add("metric", DataTypes.StringType).add("threshold", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }
}
