package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.*;

import io.camaudit.metrics.group.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output tables, each with its columns in order ({@code docs/outputs.md}). The group columns of
 * a run follow {@code image_id} in {@link #IMAGE_STATS}.
 */
public enum OutputTable {
  /** One row per explained image. */
  HEATMAPS(
      "heatmaps",
      false,
      List.of(
          IMAGE_ID,
          MODEL_ID,
          METHOD,
          LAYER,
          TARGET_CLASS,
          TARGET_SOURCE,
          MAP_HEIGHT,
          MAP_WIDTH,
          CAM,
          CAM_MAX,
          HEATMAP_PNG,
          OVERLAY_PNG,
          RUN_ID)),

  /** One row per explained image. */
  IMAGE_STATS(
      "image_stats",
      true,
      List.of(
          IMAGE_ID,
          LABEL,
          PREDICTED_CLASS,
          TARGET_CLASS,
          TARGET_SOURCE,
          TARGET_PROBABILITY,
          CORRECT,
          IMAGE_WIDTH,
          IMAGE_HEIGHT,
          DECODE_WARNING,
          BOX_COUNT,
          ENERGY_IN,
          ENERGY_TOTAL,
          ENERGY_IN_FRACTION,
          BOX_AREA_FRACTION,
          ENERGY_LIFT,
          POINTING_HIT,
          PEAK_X,
          PEAK_Y,
          CAM_BOX_X0,
          CAM_BOX_Y0,
          CAM_BOX_X1,
          CAM_BOX_Y1,
          CAM_BOX_IOU,
          CAM_MULT_CONFIDENCE_CHANGE,
          ROAD_MOST_RELEVANT_FIRST,
          ROAD_LEAST_RELEVANT_FIRST,
          ROAD_COMBINED,
          BACKGROUND_ONLY_PROBABILITY,
          BACKGROUND_ONLY_CORRECT,
          OBJECT_ONLY_PROBABILITY,
          OBJECT_ONLY_CORRECT,
          CONFIDENCE_DROP,
          RUN_ID)),

  /** Weakly supervised boxes. */
  BOXES(
      "boxes",
      false,
      List.of(
          IMAGE_ID,
          TARGET_CLASS.describedAs("the explained class: the box's label"),
          TAU,
          REGION_RANK,
          X0,
          Y0,
          X1,
          Y1,
          PIXELS,
          ENERGY_SHARE,
          LARGEST,
          RUN_ID)),

  /** MaxBoxAcc, MaxBoxAccV2 and CorLoc per class and overall. */
  LOCALISATION(
      "localisation",
      false,
      List.of(
          CLASS,
          METRIC.describedAs(
              "`MaxBoxAcc` (largest region, one row per IoU threshold), `MaxBoxAccV2` (all"
                  + " regions, mean over IoU thresholds 0.3, 0.5, 0.7) or `CorLoc` (the CAM box at"
                  + " its fixed τ, IoU ≥ 0.5; always the exact protocol's box)"),
          IOU_THRESHOLD,
          VALUE.describedAs("the accuracy").inUnit("[0, 1]"),
          BEST_TAU,
          IMAGES,
          PROTOCOL,
          RUN_ID)),

  /** Box accuracy at every threshold. */
  LOCALISATION_CURVE(
      "localisation_curve",
      false,
      List.of(
          CLASS,
          REGIONS,
          IOU_THRESHOLD.describedAs("δ"),
          TAU.describedAs("threshold"),
          BOX_ACCURACY,
          IMAGES,
          PROTOCOL,
          RUN_ID)),

  /** Metrics per group with 95% intervals. */
  GROUP_METRICS(
      "group_metrics",
      false,
      List.of(
          GROUP_COLUMN,
          GROUP_VALUE,
          METRIC.describedAs(codes(Arrays.stream(Metric.values()))),
          N,
          VALUE,
          CI_LOW,
          CI_HIGH,
          REPLICATE_MEANS,
          RUN_ID)),

  /** How far apart the groups are. */
  GROUP_DISPARITIES(
      "group_disparities",
      false,
      List.of(GROUP_COLUMN, METRIC, OVERALL, DIFFERENCE, RATIO, WORST_GROUP, WORST_VALUE, RUN_ID)),

  /** The nightly comparison (with a baseline run). */
  AUDIT_DIFF(
      "audit_diff",
      false,
      List.of(
          GROUP_COLUMN,
          GROUP_VALUE,
          METRIC,
          STATUS,
          BEFORE,
          AFTER,
          CHANGE,
          CHANGE_CI_LOW,
          CHANGE_CI_HIGH,
          P_VALUE,
          Q_VALUE,
          N_BEFORE,
          N_AFTER,
          THRESHOLD,
          JUDGED,
          BREACHED,
          BASELINE_RUN_ID,
          RUN_ID)),

  /** The images behind each breached {@code audit_diff} row (with a baseline run). */
  AUDIT_DIFF_IMAGES(
      "audit_diff_images",
      false,
      List.of(
          GROUP_COLUMN,
          GROUP_VALUE,
          METRIC,
          IMAGE_ID,
          PRESENCE,
          PRESENCE_IMAGES,
          RANK,
          VALUE
              .before()
              .describedAs(
                  "the image's value of the metric in the baseline run, the value the group"
                      + " metric averages (1 or 0 for `accuracy`, its `energy_in_fraction` for"
                      + " `mean_energy_in_fraction`, …); null when the image is not in the group"
                      + " there or the value is undefined (no label, no boxes)"),
          VALUE.after().describedAs("the same in this run"),
          SHIFT,
          LABEL.before(),
          LABEL.after(),
          PREDICTED_CLASS.before(),
          PREDICTED_CLASS.after(),
          TARGET_CLASS.before(),
          TARGET_CLASS.after(),
          CORRECT.before(),
          CORRECT.after(),
          ENERGY_IN_FRACTION.before(),
          ENERGY_IN_FRACTION.after(),
          BASELINE_RUN_ID,
          RUN_ID)),

  /** Shortcut slices: per class, images whose attention signatures cluster together. */
  SLICES(
      "slices",
      false,
      List.of(
          CLASS.describedAs("the explained class"),
          SLICE,
          SLICE_RANK,
          IMAGES.describedAs("the slice's images"),
          SHORTCUT_SCORE,
          SLICE_ACCURACY,
          SLICE_ACCURACY_CI_LOW,
          SLICE_ACCURACY_CI_HIGH,
          SLICE_ENERGY_IN_FRACTION,
          SLICE_ENERGY_CI_LOW,
          SLICE_ENERGY_CI_HIGH,
          SLICE_BACKGROUND_ONLY_ACCURACY,
          SLICE_BACKGROUND_ONLY_CI_LOW,
          SLICE_BACKGROUND_ONLY_CI_HIGH,
          BACKGROUND_ONLY_IMAGES,
          REPRESENTATIVE_IMAGE_IDS,
          CLUSTERS,
          SILHOUETTE,
          BASELINE_SLICE,
          BASELINE_OVERLAP,
          BASELINE_RUN_ID.describedAs("the baseline run; null without one"),
          RUN_ID)),

  /** Which slice each explained image and class fell in. */
  SLICE_MEMBERS(
      "slice_members",
      false,
      List.of(IMAGE_ID, CLASS.describedAs("the explained class"), SLICE, CENTRE_DISTANCE, RUN_ID)),

  /** One row per input that could not be used. */
  REJECTED(
      "rejected",
      false,
      List.of(
          SOURCE,
          IMAGE_ID.describedAs("the manifest's image id (null when missing)"),
          STAGE,
          REASON,
          DETAIL,
          RUN_ID)),

  /** One row per run. */
  RUNS(
      "runs",
      false,
      List.of(
          STARTED_AT,
          FINISHED_AT,
          CODE_VERSION,
          MODEL_LOCATION,
          MODEL_NAME,
          MODEL_DIGEST,
          LAYER,
          METHOD,
          IMAGES_READ,
          IMAGES_PROCESSED,
          IMAGES_REJECTED,
          MODEL_LOADS,
          EXECUTORS,
          SECONDS,
          IMAGES_PER_SECOND,
          SUMMARY_JSON,
          RUN_ID));

  private final String tableName;
  private final boolean groupColumns;
  private final List<OutputColumn> columns;

  OutputTable(String tableName, boolean groupColumns, List<OutputColumn> columns) {
    this.tableName = tableName;
    this.groupColumns = groupColumns;
    this.columns = columns;
  }

  /** The table's folder under the output root. */
  public String tableName() {
    return tableName;
  }

  /** The catalogued columns, in order (without a run's group columns). */
  public List<OutputColumn> columns() {
    return columns;
  }

  /**
   * The table's fields: its columns, with {@code groups} (strings) after the first where it has
   * them.
   */
  public List<StructField> fields(List<String> groups) {
    List<StructField> fields = new ArrayList<>();
    for (OutputColumn column : columns) {
      fields.add(column.field());
    }
    if (groupColumns) {
      for (int g = 0; g < groups.size(); g++) {
        fields.add(1 + g, DataTypes.createStructField(groups.get(g), DataTypes.StringType, true));
      }
    }
    return fields;
  }

  /** The table's schema with {@code groups} where it has them. */
  public StructType schema(List<String> groups) {
    return new StructType(fields(groups).toArray(new StructField[0]));
  }

  /** The table's schema, for tables without group columns. */
  public StructType schema() {
    return schema(List.of());
  }

  /**
   * Checks rows about to be written: their columns must be this table's, with {@code groups}, in
   * order, of the catalogued types.
   *
   * @throws IllegalStateException naming both lists when they differ
   */
  void checkColumns(StructType rows, List<String> groups) {
    List<String> expected = describe(schema(groups));
    List<String> actual = describe(rows);
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "Table " + tableName + " has columns " + actual + ", its catalogue says " + expected);
    }
  }

  private static List<String> describe(StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(field.name() + " " + field.dataType().catalogString());
    }
    return columns;
  }
}
