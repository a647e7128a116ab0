package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.col;

import io.camaudit.metrics.group.Disparities;
import io.camaudit.metrics.group.GroupBootstrap;
import io.camaudit.metrics.group.GroupDisparity;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.ImageMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code group_metrics} and {@code group_disparities} tables: per group, metrics with seeded
 * Poisson-bootstrap intervals, accumulated on the executors and merged on the driver (one small
 * object per partition travels, never the images' rows).
 */
public final class GroupMetricsTable {

  private GroupMetricsTable() {}

  /** Computes the group metrics of the explained result rows. */
  public static List<GroupMetric> compute(
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
  public static Dataset<Row> rows(SparkSession spark, String runId, List<GroupMetric> metrics) {
    List<Row> rows = new ArrayList<>();
    for (GroupMetric m : metrics) {
      rows.add(
          RowFactory.create(
              m.groupColumn(),
              m.groupValue(),
              m.metric(),
              m.n(),
              m.value(),
              m.ciLow(),
              m.ciHigh(),
              runId));
    }
    return spark.createDataFrame(rows, OutputTable.GROUP_METRICS.schema()).coalesce(1);
  }

  /** Stages both tables of {@code runId}. */
  public static void write(
      SparkSession spark, RunCommit run, String runId, List<GroupMetric> metrics) {
    run.writeTable(rows(spark, runId, metrics), OutputTable.GROUP_METRICS);
    List<Row> disparities = new ArrayList<>();
    for (GroupDisparity d : Disparities.of(metrics)) {
      disparities.add(
          RowFactory.create(
              d.groupColumn(),
              d.metric(),
              d.overall(),
              d.difference(),
              d.ratio(),
              d.worstGroup(),
              d.worstValue(),
              runId));
    }
    run.writeTable(
        spark.createDataFrame(disparities, OutputTable.GROUP_DISPARITIES.schema()).coalesce(1),
        OutputTable.GROUP_DISPARITIES);
  }

  private static ImageMetrics imageMetrics(Row row, List<String> groupColumns) {
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
        row.getAs(OutputColumns.CAM_BOX_IOU.name()));
  }
}
