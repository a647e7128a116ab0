package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.BASELINE_RUN_ID;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_IOU;
import static io.camaudit.spark.output.OutputColumns.CORRECT;
import static io.camaudit.spark.output.OutputColumns.ENERGY_IN_FRACTION;
import static io.camaudit.spark.output.OutputColumns.ENERGY_LIFT;
import static io.camaudit.spark.output.OutputColumns.GROUP_COLUMN;
import static io.camaudit.spark.output.OutputColumns.GROUP_VALUE;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.LABEL;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.POINTING_HIT;
import static io.camaudit.spark.output.OutputColumns.PREDICTED_CLASS;
import static io.camaudit.spark.output.OutputColumns.PRESENCE;
import static io.camaudit.spark.output.OutputColumns.PRESENCE_IMAGES;
import static io.camaudit.spark.output.OutputColumns.RANK;
import static io.camaudit.spark.output.OutputColumns.RUN_ID;
import static io.camaudit.spark.output.OutputColumns.SHIFT;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static io.camaudit.spark.output.OutputColumns.VALUE;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.ImageMetrics;
import io.camaudit.metrics.group.Metric;
import io.camaudit.nightly.MetricChange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code audit_diff_images} table: for each breached {@code audit_diff} row, the images that
 * moved its metric most, per presence (in the group in both runs, or in one), with each image's
 * value of the metric in both runs ({@link Metric#of}: the value the group metric averages).
 * Computed on the executors, never collecting a group: per run, one row per image and breach whose
 * group holds it; a full outer join of the two runs on the image (and its explained class where an
 * image is explained for several); a count per (breach, presence) and the largest {@code
 * abs(shift)}s, ranked by a window.
 */
public final class AuditDiffImages {

  /** Images listed per breach and presence. */
  public static final int IMAGES_PER_BREACH = 20;

  /** The columns each run contributes, as {@code NAME_before} and {@code NAME_after}. */
  private static final List<OutputColumn> COMPARED =
      List.of(VALUE, LABEL, PREDICTED_CLASS, TARGET_CLASS, CORRECT, ENERGY_IN_FRACTION);

  /** The per-image columns the members of a breach are found and measured by. */
  private static final List<OutputColumn> INPUTS =
      List.of(
          IMAGE_ID,
          LABEL,
          PREDICTED_CLASS,
          TARGET_CLASS,
          CORRECT,
          ENERGY_IN_FRACTION,
          ENERGY_LIFT,
          POINTING_HIT,
          CAM_BOX_IOU);

  private static final String BREACH = "_breach";
  private static final String CLASS_KEY = "_class";
  private static final String GROUP_BEFORE = "_group_before";
  private static final String GROUP_AFTER = "_group_after";
  private static final String IN_BEFORE = "_in_before";
  private static final String IN_AFTER = "_in_after";

  private AuditDiffImages() {}

  /**
   * Stages the images behind the breached rows of {@code changes}: this run's explained {@code
   * results} ({@link ResultSchema}) against the baseline run's committed {@code image_stats} under
   * {@code output}. Without a breach the table has no rows.
   *
   * @param severalPerImage whether an image may be explained for several classes: images are then
   *     matched by (image id, explained class), as the group metrics count them
   * @throws IllegalStateException when the baseline run has no {@code image_stats} files
   */
  public static void write(
      SparkSession spark,
      RunWriter run,
      RunStore store,
      String baselineRunId,
      String runId,
      Dataset<Row> results,
      List<MetricChange> changes,
      boolean severalPerImage) {
    Dataset<Row> rows;
    if (changes.stream().noneMatch(MetricChange::breached)) {
      rows = spark.createDataFrame(List.of(), OutputTable.AUDIT_DIFF_IMAGES.schema());
    } else {
      Dataset<Row> before =
          store
              .readRun(OutputTable.IMAGE_STATS, baselineRunId)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Baseline run "
                              + baselineRunId
                              + " in "
                              + store.location()
                              + " has no image_stats rows, which audit_diff_images compares"
                              + " with; re-run it, or compare with another run"
                              + " (--baseline-run)"));
      Dataset<Row> after = results.filter(col(ResultSchema.EXPLAINED));
      rows = rows(before, after, changes, severalPerImage, IMAGES_PER_BREACH, baselineRunId, runId);
    }
    run.writeTable(rows, OutputTable.AUDIT_DIFF_IMAGES);
  }

  /**
   * The table's rows, ordered by breach, presence and rank.
   *
   * @param before the baseline run's per-image rows ({@code image_stats} columns)
   * @param after this run's
   * @param changes the comparison's rows; only breached ones get images
   * @param limit images listed per breach and presence
   */
  static Dataset<Row> rows(
      Dataset<Row> before,
      Dataset<Row> after,
      List<MetricChange> changes,
      boolean severalPerImage,
      int limit,
      String baselineRunId,
      String runId) {
    List<MetricChange> breaches = changes.stream().filter(MetricChange::breached).toList();
    List<Breach> indexed = new ArrayList<>();
    List<Row> breachRows = new ArrayList<>();
    for (int i = 0; i < breaches.size(); i++) {
      MetricChange c = breaches.get(i);
      indexed.add(new Breach(i, c.groupColumn(), c.groupValue(), Metric.byId(c.metric())));
      breachRows.add(
          RowFactory.create(i, c.groupColumn(), c.groupValue(), c.metric(), c.before(), c.after()));
    }
    StructType breachSchema =
        new StructType()
            .add(BREACH, DataTypes.IntegerType, false)
            .add(GROUP_COLUMN.field())
            .add(GROUP_VALUE.field())
            .add(METRIC.field())
            .add(GROUP_BEFORE, DataTypes.DoubleType)
            .add(GROUP_AFTER, DataTypes.DoubleType);
    Dataset<Row> breachTable = after.sparkSession().createDataFrame(breachRows, breachSchema);

    Column valueBefore = VALUE.before().col();
    Column valueAfter = VALUE.after().col();
    Column inBefore = col(IN_BEFORE).isNotNull();
    Column inAfter = col(IN_AFTER).isNotNull();
    Column both = inBefore.and(inAfter);
    Dataset<Row> moved =
        members(before, indexed, severalPerImage, OutputColumn::before, IN_BEFORE)
            .join(
                members(after, indexed, severalPerImage, OutputColumn::after, IN_AFTER),
                new String[] {BREACH, IMAGE_ID.name(), CLASS_KEY},
                "full_outer")
            .join(broadcast(breachTable), BREACH)
            .filter(valueBefore.isNotNull().or(valueAfter.isNotNull()))
            .withColumn(
                PRESENCE.name(),
                when(both, "both").when(inBefore, "before_only").otherwise("after_only"))
            .withColumn(
                SHIFT.name(),
                when(both, valueAfter.minus(valueBefore))
                    .when(inBefore, valueBefore.minus(col(GROUP_AFTER)))
                    .otherwise(valueAfter.minus(col(GROUP_BEFORE))));

    Dataset<Row> counts =
        moved.groupBy(col(BREACH), PRESENCE.col()).agg(PRESENCE_IMAGES.of(count(lit(1))));
    // A rank filter over row_number lets Spark keep only the top rows of each task before the
    // shuffle (its window group limit), so a group of millions of images sorts no more than this.
    Dataset<Row> top =
        moved
            .filter(SHIFT.col().isNull().or(SHIFT.col().notEqual(0)))
            .withColumn(
                RANK.name(),
                row_number()
                    .over(
                        Window.partitionBy(col(BREACH), PRESENCE.col())
                            .orderBy(
                                abs(SHIFT.col()).desc_nulls_last(),
                                IMAGE_ID.col(),
                                col(CLASS_KEY))))
            .filter(RANK.col().leq(limit));

    List<Column> columns = new ArrayList<>();
    for (OutputColumn column : OutputTable.AUDIT_DIFF_IMAGES.columns()) {
      columns.add(
          column.equals(BASELINE_RUN_ID)
              ? column.of(lit(baselineRunId))
              : column.equals(RUN_ID) ? column.of(lit(runId)) : column.col());
    }
    return top.join(counts, new String[] {BREACH, PRESENCE.name()})
        .repartition(1)
        .sortWithinPartitions(col(BREACH), PRESENCE.col(), RANK.col())
        .select(columns.toArray(new Column[0]));
  }

  /**
   * One run's members of the breached groups: a row per image (or explained class) and breach whose
   * group holds it, with its value of the breach's metric and the {@link #COMPARED} columns renamed
   * by {@code side}, and a marker column {@code present}.
   */
  private static Dataset<Row> members(
      Dataset<Row> images,
      List<Breach> breaches,
      boolean severalPerImage,
      UnaryOperator<OutputColumn> side,
      String present) {
    Set<String> available = Set.of(images.columns());
    List<Column> inputs = new ArrayList<>();
    INPUTS.forEach(c -> inputs.add(c.col()));
    breaches.stream()
        .map(Breach::groupColumn)
        .filter(c -> available.contains(c) && INPUTS.stream().noneMatch(i -> i.name().equals(c)))
        .distinct()
        .forEach(c -> inputs.add(col(c)));
    StructType schema =
        new StructType()
            .add(BREACH, DataTypes.IntegerType, false)
            .add(IMAGE_ID.field())
            .add(CLASS_KEY, DataTypes.StringType);
    for (OutputColumn column : COMPARED) {
      schema = schema.add(column.field());
    }
    Dataset<Row> rows =
        images
            .select(inputs.toArray(new Column[0]))
            .flatMap(new Members(breaches, available, severalPerImage), Encoders.row(schema));
    List<Column> renamed = new ArrayList<>(List.of(col(BREACH), IMAGE_ID.col(), col(CLASS_KEY)));
    COMPARED.forEach(c -> renamed.add(side.apply(c).of(c.col())));
    renamed.add(lit(true).as(present));
    return rows.select(renamed.toArray(new Column[0]));
  }

  /** A breached row: its index, group and metric. */
  private record Breach(int index, String groupColumn, String groupValue, Metric metric)
      implements Serializable {

    /** Whether the image of {@code row}, a row with the {@code available} columns, is in it. */
    boolean holds(Row row, Set<String> available) {
      if (GroupMetric.OVERALL.equals(groupColumn)) {
        return true;
      }
      return available.contains(groupColumn) && groupValue.equals(row.getAs(groupColumn));
    }
  }

  /** Per image row, one row per breach whose group holds it (the {@link #members} schema). */
  private record Members(List<Breach> breaches, Set<String> available, boolean severalPerImage)
      implements FlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Row row) {
      ImageMetrics image = GroupMetricsTable.imageMetrics(row, List.of());
      String classKey = severalPerImage ? row.getAs(TARGET_CLASS.name()) : "";
      List<Row> out = new ArrayList<>();
      for (Breach breach : breaches) {
        if (!breach.holds(row, available)) {
          continue;
        }
        double value = breach.metric().of(image);
        Object[] fields = new Object[3 + COMPARED.size()];
        fields[0] = breach.index();
        fields[1] = image.imageId();
        fields[2] = classKey;
        fields[3] = Double.isNaN(value) ? null : value;
        for (int c = 1; c < COMPARED.size(); c++) {
          fields[3 + c] = row.getAs(COMPARED.get(c).name());
        }
        out.add(RowFactory.create(fields));
      }
      return out.iterator();
    }
  }
}
