package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.CI_HIGH;
import static io.camaudit.spark.output.OutputColumns.CI_LOW;
import static io.camaudit.spark.output.OutputColumns.DIFFERENCE;
import static io.camaudit.spark.output.OutputColumns.GROUP_COLUMN;
import static io.camaudit.spark.output.OutputColumns.GROUP_VALUE;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.N;
import static io.camaudit.spark.output.OutputColumns.OVERALL;
import static io.camaudit.spark.output.OutputColumns.RATIO;
import static io.camaudit.spark.output.OutputColumns.REPLICATE_MEANS;
import static io.camaudit.spark.output.OutputColumns.RUN_ID;
import static io.camaudit.spark.output.OutputColumns.VALUE;
import static io.camaudit.spark.output.OutputColumns.WORST_GROUP;
import static io.camaudit.spark.output.OutputColumns.WORST_VALUE;
import static org.apache.spark.sql.functions.col;

import io.camaudit.metrics.group.Disparities;
import io.camaudit.metrics.group.GroupBootstrap;
import io.camaudit.metrics.group.GroupDisparity;
import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.ImageMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code group_metrics} and {@code group_disparities} tables: per group, metrics with seeded
 * Poisson-bootstrap intervals, accumulated on the executors and merged on the driver (one small
 * object per partition travels, never the images' rows).
 */
public final class GroupMetricsTable {

  private GroupMetricsTable() {}

  /** Computes the group metrics of the explained result rows. */
  public static List<GroupEstimate> compute(
      Dataset<Row> results, List<String> groupColumns, long seed, int replicates) {
    GroupBootstrap zero = new GroupBootstrap(seed, replicates, groupColumns);
    return results
        .filter(col(ResultSchema.EXPLAINED))
        .toJavaRDD()
        .aggregate(
            zero,
            (acc, row) -> {
              acc.add(imageMetrics(row, groupColumns));
              return acc;
            },
            GroupBootstrap::merge)
        .results();
  }

  /**
   * The {@code group_metrics} rows of {@code runId}, in {@link OutputTable#GROUP_METRICS} order.
   */
  private static Dataset<Row> rows(
      SparkSession spark, String runId, List<GroupEstimate> estimates) {
    List<Row> rows = new ArrayList<>();
    for (GroupEstimate e : estimates) {
      rows.add(row(e, runId));
    }
    return spark.createDataFrame(rows, OutputTable.GROUP_METRICS.schema()).coalesce(1);
  }

  /** One estimate's {@code group_metrics} row. */
  static Row row(GroupEstimate estimate, String runId) {
    GroupMetric m = estimate.metric();
    return TableRow.of(OutputTable.GROUP_METRICS)
        .set(GROUP_COLUMN, m.groupColumn())
        .set(GROUP_VALUE, m.groupValue())
        .set(METRIC, m.metric())
        .set(N, m.n())
        .set(VALUE, m.value())
        .set(CI_LOW, m.ciLow())
        .set(CI_HIGH, m.ciHigh())
        .set(REPLICATE_MEANS, estimate.replicateMeans())
        .set(RUN_ID, runId)
        .build();
  }

  /**
   * The committed group metrics of {@code runId} in {@code store}, with their replicate means where
   * the run stored them.
   *
   * @throws IllegalStateException when the run has no {@code group_metrics} rows
   */
  public static List<GroupEstimate> read(RunStore store, String runId) {
    Dataset<Row> table =
        store
            .readRun(OutputTable.GROUP_METRICS, runId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Run " + runId + " in " + store.location() + " has no group_metrics"));
    boolean replicates = List.of(table.columns()).contains(REPLICATE_MEANS.name());
    List<GroupEstimate> estimates = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      estimates.add(
          new GroupEstimate(
              new GroupMetric(
                  r.getAs(GROUP_COLUMN.name()),
                  r.getAs(GROUP_VALUE.name()),
                  r.getAs(METRIC.name()),
                  r.<Long>getAs(N.name()),
                  r.getAs(VALUE.name()),
                  r.getAs(CI_LOW.name()),
                  r.getAs(CI_HIGH.name())),
              replicates ? doubles(r.getList(r.fieldIndex(REPLICATE_MEANS.name()))) : null));
    }
    return estimates;
  }

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Stages both tables of {@code runId}. */
  public static void write(
      SparkSession spark, RunWriter run, String runId, List<GroupEstimate> estimates) {
    run.writeTable(rows(spark, runId, estimates), OutputTable.GROUP_METRICS);
    List<Row> disparities = new ArrayList<>();
    for (GroupDisparity d :
        Disparities.of(estimates.stream().map(GroupEstimate::metric).toList())) {
      disparities.add(
          TableRow.of(OutputTable.GROUP_DISPARITIES)
              .set(GROUP_COLUMN, d.groupColumn())
              .set(METRIC, d.metric())
              .set(OVERALL, d.overall())
              .set(DIFFERENCE, d.difference())
              .set(RATIO, d.ratio())
              .set(WORST_GROUP, d.worstGroup())
              .set(WORST_VALUE, d.worstValue())
              .set(RUN_ID, runId)
              .build());
    }
    run.writeTable(
        spark.createDataFrame(disparities, OutputTable.GROUP_DISPARITIES.schema()).coalesce(1),
        OutputTable.GROUP_DISPARITIES);
  }

  /** A result or {@code image_stats} row's inputs to the group metrics. */
  static ImageMetrics imageMetrics(Row row, List<String> groupColumns) {
    Map<String, String> groups = new HashMap<>();
    for (String column : groupColumns) {
      groups.put(column, row.getAs(column));
    }
    return new ImageMetrics(
        row.getAs(OutputColumns.IMAGE_ID.name()),
        groups,
        row.getAs(OutputColumns.CORRECT.name()),
        row.getAs(OutputColumns.ENERGY_IN_FRACTION.name()),
        row.getAs(OutputColumns.ENERGY_LIFT.name()),
        row.getAs(OutputColumns.POINTING_HIT.name()),
        row.getAs(OutputColumns.CAM_BOX_IOU.name()),
        ifPresent(row, OutputColumns.CAM_MULT_CONFIDENCE_CHANGE),
        ifPresent(row, OutputColumns.ROAD_COMBINED),
        ifPresent(row, OutputColumns.BACKGROUND_ONLY_CORRECT),
        ifPresent(row, OutputColumns.OBJECT_ONLY_CORRECT),
        ifPresent(row, OutputColumns.CONFIDENCE_DROP));
  }

  /**
   * The row's value of {@code column}, null where the row has no such column: the {@code
   * image_stats} of a baseline run written before the column existed.
   */
  private static <T> T ifPresent(Row row, OutputColumn column) {
    return row.schema().getFieldIndex(column.name()).isDefined() ? row.getAs(column.name()) : null;
  }
}
