package io.camaudit.spark.output;

import static io.camaudit.metrics.group.Metric.Direction.LOWER_IS_BETTER;
import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.camaudit.metrics.group.Metric;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every column of the output tables, declared once: name, Spark type, unit and meaning, in the
 * words of {@code docs/outputs.md} (a test holds the two equal). Schemas, row builders, selects and
 * the report use these constants; {@link OutputTable} lists each table's columns, and gives a
 * column narrower wording where a table needs it ({@link OutputColumn#describedAs}).
 */
public final class OutputColumns {

  public static final OutputColumn IMAGE_ID =
      new OutputColumn("image_id", StringType, "", "the manifest's image id");

  public static final OutputColumn MODEL_ID =
      new OutputColumn(
          "model_id",
          StringType,
          "",
          "`name@digest12`: model name and the first 12 hex digits of its SHA-256");

  public static final OutputColumn METHOD =
      new OutputColumn(
          "method", StringType, "", "CAM method, `--method` ([methods.md](methods.md))");

  public static final OutputColumn LAYER =
      new OutputColumn("layer", StringType, "", "target layer");

  public static final OutputColumn TARGET_CLASS =
      new OutputColumn("target_class", StringType, "", "the explained class");

  public static final OutputColumn TARGET_SOURCE =
      new OutputColumn(
          "target_source",
          StringType,
          "",
          "`label` (named by the image's label, or with `--targets all-labels` its boxes) or"
              + " `predicted` (chosen by the model: its decision when the image has no label or"
              + " with `--targets predicted`, one of its K most probable with `top-k:K`)");

  public static final OutputColumn MAP_HEIGHT =
      new OutputColumn("map_height", IntegerType, "cells", "rows of the map (feature resolution)");

  public static final OutputColumn MAP_WIDTH =
      new OutputColumn("map_width", IntegerType, "cells", "columns of the map");

  public static final OutputColumn CAM =
      new OutputColumn(
          "cam",
          createArrayType(FloatType, false),
          "map units",
          "the raw map, row-major, `map_height × map_width` values, ≥ 0");

  public static final OutputColumn CAM_MAX =
      new OutputColumn("cam_max", FloatType, "map units", "largest value of `cam`");

  public static final OutputColumn HEATMAP_PNG =
      new OutputColumn(
          "heatmap_png",
          BinaryType,
          "",
          "with `--heatmap-png`: the map's picture on the metrics grid (the image itself up to 256"
              + " pixels on a side, else its longer side scaled to `--metrics-grid` cells), 8-bit"
              + " greyscale PNG, 255 = its maximum; else null");

  public static final OutputColumn OVERLAY_PNG =
      new OutputColumn(
          "overlay_png",
          BinaryType,
          "",
          "with `--overlay-png`: the same picture drawn over the image, the image resampled"
              + " on the same grid, as pytorch-grad-cam's `show_cam_on_image` does:"
              + " `--overlay-png`'s colour map (turbo or viridis) blended half and half with the"
              + " image, then scaled so its brightest channel is 255 (formula below), 8-bit RGB"
              + " PNG; else null");

  public static final OutputColumn RUN_ID = new OutputColumn("run_id", StringType, "", "the run");

  public static final OutputColumn LABEL =
      new OutputColumn("label", StringType, "", "the manifest's label, null when none");

  public static final OutputColumn PREDICTED_CLASS =
      new OutputColumn(
          "predicted_class",
          StringType,
          "",
          "the most probable class: arg-max of the logits; for a binary head the positive class"
              + " when its logit is ≥ 0 ([models.md](models.md#heads))");

  public static final OutputColumn TARGET_PROBABILITY =
      new OutputColumn(
          "target_probability",
          DoubleType,
          "[0, 1]",
          "the head's probability of the target class: softmax; sigmoid of its logit for a"
              + " multi-label (sigmoid) head; sigmoid of ± the logit for a binary head");

  public static final OutputColumn CORRECT =
      new OutputColumn(
          "correct",
          BooleanType,
          "",
          "the model predicts the label: `predicted_class = label`, or for a multi-label (sigmoid)"
              + " head the label's probability ≥ 0.5; null without a label");

  public static final OutputColumn IMAGE_WIDTH =
      new OutputColumn("image_width", IntegerType, "pixels", "original width");

  public static final OutputColumn IMAGE_HEIGHT =
      new OutputColumn("image_height", IntegerType, "pixels", "original height");

  public static final OutputColumn DECODE_WARNING =
      new OutputColumn(
          "decode_warning",
          StringType,
          "",
          "what the image decoder warned about without the image being corrupt (for example a CMYK"
              + " JPEG without an ICC profile, converted to RGB approximately); null when nothing");

  public static final OutputColumn BOX_COUNT =
      new OutputColumn("box_count", IntegerType, "", "boxes of the target class");

  public static final OutputColumn ENERGY_IN =
      new OutputColumn(
          "energy_in",
          DoubleType,
          "map units",
          "heatmap energy inside the union of the target class's boxes; null without such boxes");

  public static final OutputColumn ENERGY_TOTAL =
      new OutputColumn(
          "energy_total",
          DoubleType,
          "map units",
          "heatmap energy over the image; null without boxes");

  public static final OutputColumn ENERGY_IN_FRACTION =
      new OutputColumn(
          "energy_in_fraction",
          DoubleType,
          "[0, 1]",
          "`energy_in / energy_total`; null without boxes or energy");

  public static final OutputColumn BOX_AREA_FRACTION =
      new OutputColumn(
          "box_area_fraction",
          DoubleType,
          "[0, 1]",
          "share of the image's pixels inside the boxes; null without boxes");

  public static final OutputColumn ENERGY_LIFT =
      new OutputColumn(
          "energy_lift",
          DoubleType,
          "ratio",
          "`energy_in_fraction / box_area_fraction`: 1 = no more on the boxes than a uniform map");

  public static final OutputColumn POINTING_HIT =
      new OutputColumn(
          "pointing_hit",
          BooleanType,
          "",
          "the map's maximum lies within `--pointing-tolerance` (15) pixels of a target box; null"
              + " without boxes");

  public static final OutputColumn PEAK_X =
      new OutputColumn(
          "peak_x", IntegerType, "pixels", "column of the map's maximum; null without boxes");

  public static final OutputColumn PEAK_Y =
      new OutputColumn(
          "peak_y", IntegerType, "pixels", "row of the map's maximum; null without boxes");

  public static final OutputColumn CAM_BOX_X0 =
      new OutputColumn(
          "cam_box_x0",
          DoubleType,
          "pixels",
          "CAM box (largest connected region above 15% of the maximum): left edge; null for a map"
              + " without energy");

  public static final OutputColumn CAM_BOX_Y0 =
      new OutputColumn("cam_box_y0", DoubleType, "pixels", "CAM box: top edge");

  public static final OutputColumn CAM_BOX_X1 =
      new OutputColumn("cam_box_x1", DoubleType, "pixels", "CAM box: right edge");

  public static final OutputColumn CAM_BOX_Y1 =
      new OutputColumn("cam_box_y1", DoubleType, "pixels", "CAM box: bottom edge");

  public static final OutputColumn CAM_BOX_IOU =
      new OutputColumn(
          "cam_box_iou",
          DoubleType,
          "[0, 1]",
          "best IoU of the CAM box with a target box; null without boxes");

  public static final OutputColumn CAM_MULT_CONFIDENCE_CHANGE =
      new OutputColumn(
          "cam_mult_confidence_change",
          DoubleType,
          "[-1, 1]",
          "pytorch-grad-cam's `CamMultImageConfidenceChange`: the target class's probability on"
              + " the input multiplied by its heatmap (min-max scaled to [0, 1], resized to the"
              + " input) less `target_probability`; near or above 0 when the map keeps what the"
              + " decision rests on ([metrics.md](metrics.md#heatmap-faithfulness)); null outside"
              + " the `--perturbation-sample`");

  public static final OutputColumn ROAD_MOST_RELEVANT_FIRST =
      new OutputColumn(
          "road_most_relevant_first",
          DoubleType,
          "[-1, 1]",
          "ROAD, most relevant first (pytorch-grad-cam's `ROADMostRelevantFirstAverage`): the"
              + " change of the target class's probability with the pixels above each percentile"
              + " (10, ..., 90) of the heatmap imputed, averaged; a faithful map loses confidence"
              + " ([metrics.md](metrics.md#heatmap-faithfulness)); null outside the"
              + " `--faithfulness-sample`");

  public static final OutputColumn ROAD_LEAST_RELEVANT_FIRST =
      new OutputColumn(
          "road_least_relevant_first",
          DoubleType,
          "[-1, 1]",
          "ROAD, least relevant first (`ROADLeastRelevantFirstAverage`): the same with the pixels"
              + " the map weighs least imputed; a faithful map keeps confidence");

  public static final OutputColumn ROAD_COMBINED =
      new OutputColumn(
          "road_combined",
          DoubleType,
          "[-1, 1]",
          "pytorch-grad-cam's `ROADCombined`: `(road_least_relevant_first -"
              + " road_most_relevant_first) / 2`; higher is more faithful");

  public static final OutputColumn BACKGROUND_ONLY_PROBABILITY =
      new OutputColumn(
          "background_only_probability",
          DoubleType,
          "[0, 1]",
          "the target class's probability on the background-only image: the content of every"
              + " annotated box filled (`--occlusion-fill`,"
              + " [metrics.md](metrics.md#background-reliance)); null without boxes, outside the"
              + " `--perturbation-sample` or with `--occlusion-fill none`");

  public static final OutputColumn BACKGROUND_ONLY_CORRECT =
      new OutputColumn(
          "background_only_correct",
          BooleanType,
          "",
          "the model still predicts the target on the background-only image (as `correct`);"
              + " null without a label or boxes");

  public static final OutputColumn OBJECT_ONLY_PROBABILITY =
      new OutputColumn(
          "object_only_probability",
          DoubleType,
          "[0, 1]",
          "the target class's probability on the object-only image: everything outside the"
              + " annotated boxes filled; null without boxes");

  public static final OutputColumn OBJECT_ONLY_CORRECT =
      new OutputColumn(
          "object_only_correct",
          BooleanType,
          "",
          "the model predicts the target on the object-only image (as `correct`); null without a"
              + " label or boxes");

  public static final OutputColumn CONFIDENCE_DROP =
      new OutputColumn(
          "confidence_drop",
          DoubleType,
          "[-1, 1]",
          "`target_probability - background_only_probability`: the confidence that leaves with"
              + " the object; near 0 when the background alone carries the decision; null without"
              + " boxes");

  public static final OutputColumn TAU =
      new OutputColumn("tau", DoubleType, "[0, 1]", "threshold, relative to the map's maximum");

  public static final OutputColumn REGION_RANK =
      new OutputColumn(
          "region", IntegerType, "", "rank of the region by size at this τ, 0 = largest");

  public static final OutputColumn X0 = new OutputColumn("x0", DoubleType, "pixels", "left edge");

  public static final OutputColumn Y0 = new OutputColumn("y0", DoubleType, "pixels", "top edge");

  public static final OutputColumn X1 = new OutputColumn("x1", DoubleType, "pixels", "right edge");

  public static final OutputColumn Y1 = new OutputColumn("y1", DoubleType, "pixels", "bottom edge");

  public static final OutputColumn PIXELS =
      new OutputColumn(
          "pixels",
          IntegerType,
          "pixels",
          "pixels in the region (on a metrics grid coarser than the image: its cells' area in"
              + " original pixels, rounded;"
              + " [metrics.md](metrics.md#measuring-without-the-full-resolution-picture))");

  public static final OutputColumn ENERGY_SHARE =
      new OutputColumn(
          "energy_share", DoubleType, "[0, 1]", "the region's share of the map's energy");

  public static final OutputColumn LARGEST =
      new OutputColumn("largest", BooleanType, "", "the largest region at this τ (`region = 0`)");

  public static final OutputColumn CLASS =
      new OutputColumn("class", StringType, "", "the target class, or `*` for all images");

  public static final OutputColumn METRIC =
      new OutputColumn("metric", StringType, "", "the metric");

  public static final OutputColumn IOU_THRESHOLD =
      new OutputColumn(
          "iou_threshold",
          DoubleType,
          "[0, 1]",
          "δ for `MaxBoxAcc`, 0.5 for `CorLoc`; null for `MaxBoxAccV2`");

  public static final OutputColumn VALUE =
      new OutputColumn("value", DoubleType, "metric's", "the metric");

  public static final OutputColumn BEST_TAU =
      new OutputColumn(
          "best_tau",
          DoubleType,
          "[0, 1]",
          "the τ that reaches it (the lowest on ties); for `CorLoc` its fixed τ (0.15); null for"
              + " `MaxBoxAccV2`");

  public static final OutputColumn IMAGES =
      new OutputColumn("images", LongType, "", "images counted");

  public static final OutputColumn REGIONS =
      new OutputColumn(
          "regions",
          StringType,
          "",
          "`largest` (the largest region's box) or `any` (the best of all regions' boxes)");

  public static final OutputColumn BOX_ACCURACY =
      new OutputColumn(
          "box_accuracy",
          DoubleType,
          "[0, 1]",
          "share of images whose box reaches IoU ≥ δ with a ground-truth box");

  public static final OutputColumn GROUP_COLUMN =
      new OutputColumn("group_column", StringType, "", "the group column, or `*`");

  public static final OutputColumn GROUP_VALUE =
      new OutputColumn("group_value", StringType, "", "the group's value, or `*`");

  public static final OutputColumn N =
      new OutputColumn("n", LongType, "", "images on which the metric is defined");

  public static final OutputColumn CI_LOW =
      new OutputColumn(
          "ci_low", DoubleType, "metric's", "lower end of the 95% Poisson-bootstrap interval");

  public static final OutputColumn CI_HIGH =
      new OutputColumn("ci_high", DoubleType, "metric's", "upper end");

  public static final OutputColumn OVERALL =
      new OutputColumn("overall", DoubleType, "metric's", "the metric over all images");

  public static final OutputColumn DIFFERENCE =
      new OutputColumn("difference", DoubleType, "metric's", "largest minus smallest group value");

  public static final OutputColumn RATIO =
      new OutputColumn(
          "ratio",
          DoubleType,
          "ratio",
          "smallest over largest group value (NaN when the largest is 0)");

  public static final OutputColumn WORST_GROUP =
      new OutputColumn(
          "worst_group",
          StringType,
          "",
          "the group with the worst value (lowest; highest for "
              + codes(Arrays.stream(Metric.values()).filter(m -> m.direction() == LOWER_IS_BETTER))
              + ")");

  public static final OutputColumn WORST_VALUE =
      new OutputColumn("worst_value", DoubleType, "metric's", "its value");

  public static final OutputColumn REPLICATE_MEANS =
      new OutputColumn(
          "replicate_means",
          createArrayType(DoubleType, false),
          "metric's",
          "the group's mean in each bootstrap replicate, replicate b at index b (NaN where the"
              + " replicate weighs no image): what the nightly comparison pairs with a later"
              + " run's");

  public static final OutputColumn STATUS =
      new OutputColumn(
          "status",
          StringType,
          "",
          "`new` (this run only), `vanished` (the baseline only), `changed` (both; the change is"
              + " significant after false discovery rate control, `q_value ≤ alert.fdr`) or"
              + " `unchanged`");

  public static final OutputColumn BEFORE =
      new OutputColumn(
          "before", DoubleType, "metric's", "the baseline run's value; null when the group is new");

  public static final OutputColumn AFTER =
      new OutputColumn(
          "after", DoubleType, "metric's", "this run's value; null when the group vanished");

  public static final OutputColumn CHANGE =
      new OutputColumn(
          "change", DoubleType, "metric's", "`after - before`; null unless in both runs");

  public static final OutputColumn CHANGE_CI_LOW =
      new OutputColumn(
          "change_ci_low",
          DoubleType,
          "metric's",
          "lower end of the change's 95% paired-bootstrap interval"
              + " ([metrics.md](metrics.md#nightly-comparison))");

  public static final OutputColumn CHANGE_CI_HIGH =
      new OutputColumn("change_ci_high", DoubleType, "metric's", "upper end");

  public static final OutputColumn P_VALUE =
      new OutputColumn(
          "p_value",
          DoubleType,
          "probability",
          "two-sided p-value of no change, from the bootstrap");

  public static final OutputColumn Q_VALUE =
      new OutputColumn(
          "q_value",
          DoubleType,
          "probability",
          "`p_value` adjusted by Benjamini–Hochberg over the run's rows in both runs");

  public static final OutputColumn N_BEFORE =
      new OutputColumn("n_before", LongType, "", "images behind `before`; 0 when the group is new");

  public static final OutputColumn N_AFTER =
      new OutputColumn("n_after", LongType, "", "images behind `after`; 0 when it vanished");

  public static final OutputColumn THRESHOLD =
      new OutputColumn(
          "threshold",
          DoubleType,
          "metric's",
          "the allowed absolute change from `--config` (`max-change.METRIC`); null when none");

  public static final OutputColumn JUDGED =
      new OutputColumn(
          "judged",
          BooleanType,
          "",
          "whether the row can breach: the metric has a threshold and the group at least"
              + " `alert.min-images` images in each run it is in");

  public static final OutputColumn BREACHED =
      new OutputColumn(
          "breached",
          BooleanType,
          "",
          "judged and either `changed` with `abs(change) > threshold`, or `vanished`, or `new`");

  public static final OutputColumn BASELINE_RUN_ID =
      new OutputColumn("baseline_run_id", StringType, "", "the baseline run");

  public static final OutputColumn PRESENCE =
      new OutputColumn(
          "presence",
          StringType,
          "",
          "`both` (in the group in both runs), `before_only` (in the baseline run's group only;"
              + " every image of a vanished group) or `after_only` (in this run's group only; every"
              + " image of a new group)");

  public static final OutputColumn PRESENCE_IMAGES =
      new OutputColumn(
          "presence_images",
          LongType,
          "",
          "images of the group with this presence and the metric defined in a run they are in:"
              + " all of them, however few are listed");

  public static final OutputColumn RANK =
      new OutputColumn(
          "rank",
          IntegerType,
          "",
          "1 = moved the metric most: by `abs(shift)` within (breach, presence), null shifts last,"
              + " ties by image id");

  public static final OutputColumn SHIFT =
      new OutputColumn(
          "shift",
          DoubleType,
          "metric's",
          "how the image moves the metric: `value_after - value_before` for an image in both"
              + " runs; for an image in one run, its value minus the other run's group value"
              + " (`audit_diff`'s `after` or `before`; null when that run has no such group)");

  public static final OutputColumn SOURCE =
      new OutputColumn(
          "source",
          StringType,
          "",
          "the image path as resolved from the manifest (null when the row had none)");

  public static final OutputColumn STAGE =
      new OutputColumn("stage", StringType, "", "`read`, `decode` or `validate`");

  public static final OutputColumn REASON =
      new OutputColumn(
          "reason",
          StringType,
          "",
          "a code from the table in [inputs.md](inputs.md#what-is-rejected)");

  public static final OutputColumn DETAIL =
      new OutputColumn("detail", StringType, "", "what exactly was found, for a person");

  public static final OutputColumn STARTED_AT =
      new OutputColumn("started_at", StringType, "", "ISO-8601 instant the job started");

  public static final OutputColumn FINISHED_AT =
      new OutputColumn("finished_at", StringType, "", "ISO-8601 instant the outputs were complete");

  public static final OutputColumn CODE_VERSION =
      new OutputColumn("code_version", StringType, "", "this project's version");

  public static final OutputColumn MODEL_LOCATION =
      new OutputColumn("model_location", StringType, "", "`--model`");

  public static final OutputColumn MODEL_NAME =
      new OutputColumn("model_name", StringType, "", "the model's name");

  public static final OutputColumn MODEL_DIGEST =
      new OutputColumn("model_digest", StringType, "", "SHA-256 of its spec and weights");

  public static final OutputColumn IMAGES_READ =
      new OutputColumn("images_read", LongType, "", "manifest rows read");

  public static final OutputColumn IMAGES_PROCESSED =
      new OutputColumn("images_processed", LongType, "", "rows explained");

  public static final OutputColumn IMAGES_REJECTED =
      new OutputColumn("images_rejected", LongType, "", "rows rejected");

  public static final OutputColumn MODEL_LOADS =
      new OutputColumn("model_loads", LongType, "", "model loads on executors");

  public static final OutputColumn EXECUTORS =
      new OutputColumn("executors", createArrayType(StringType, false), "", "executor ids");

  public static final OutputColumn SECONDS =
      new OutputColumn("seconds", DoubleType, "seconds", "wall-clock duration");

  public static final OutputColumn IMAGES_PER_SECOND =
      new OutputColumn("images_per_second", DoubleType, "images/s", "processed images per second");

  public static final OutputColumn SUMMARY_JSON =
      new OutputColumn("summary_json", StringType, "", "the whole run summary as JSON");

  public static final OutputColumn PROTOCOL =
      new OutputColumn(
          "protocol",
          StringType,
          "",
          "how each image's boxes were found: `exact` or `wsol` (`--localisation-protocol`,"
              + " [metrics.md](metrics.md#localisation-protocols))");

  public static final OutputColumn SLICE =
      new OutputColumn(
          "slice",
          StringType,
          "",
          "`<class>/<rank>`: the class's images whose attention signatures cluster together"
              + " ([metrics.md](metrics.md#shortcut-slices))");

  public static final OutputColumn SLICE_RANK =
      new OutputColumn(
          "rank", IntegerType, "", "1 = the class's slice with the highest `shortcut_score`");

  public static final OutputColumn CLUSTERS =
      new OutputColumn(
          "clusters", IntegerType, "", "slices the class was cut into (k, by largest silhouette)");

  public static final OutputColumn SILHOUETTE =
      new OutputColumn(
          "silhouette",
          DoubleType,
          "[-1, 1]",
          "the class's clustering's silhouette (squared Euclidean); null for one slice");

  public static final OutputColumn SHORTCUT_SCORE =
      new OutputColumn(
          "shortcut_score",
          DoubleType,
          "[0, 1]",
          "`accuracy × (1 − energy_in_fraction)`: right, while looking outside the object; null"
              + " without labels or boxes");

  public static final OutputColumn SLICE_ACCURACY =
      new OutputColumn("accuracy", DoubleType, "[0, 1]", "the slice's `accuracy` group metric");

  public static final OutputColumn SLICE_ENERGY_IN_FRACTION =
      new OutputColumn(
          "energy_in_fraction",
          DoubleType,
          "[0, 1]",
          "the slice's `mean_energy_in_fraction` group metric");

  public static final OutputColumn SLICE_BACKGROUND_ONLY_ACCURACY =
      new OutputColumn(
          "background_only_accuracy",
          DoubleType,
          "[0, 1]",
          "the slice's `background_only_accuracy` group metric, over its images in the"
              + " `--perturbation-sample`");

  public static final OutputColumn SLICE_ACCURACY_CI_LOW = CI_LOW.named("accuracy_ci_low");

  public static final OutputColumn SLICE_ACCURACY_CI_HIGH = CI_HIGH.named("accuracy_ci_high");

  public static final OutputColumn SLICE_ENERGY_CI_LOW = CI_LOW.named("energy_in_fraction_ci_low");

  public static final OutputColumn SLICE_ENERGY_CI_HIGH =
      CI_HIGH.named("energy_in_fraction_ci_high");

  public static final OutputColumn SLICE_BACKGROUND_ONLY_CI_LOW =
      CI_LOW.named("background_only_accuracy_ci_low");

  public static final OutputColumn SLICE_BACKGROUND_ONLY_CI_HIGH =
      CI_HIGH.named("background_only_accuracy_ci_high");

  public static final OutputColumn BACKGROUND_ONLY_IMAGES =
      new OutputColumn(
          "background_only_images",
          LongType,
          "",
          "the slice's images that `background_only_accuracy` is over");

  public static final OutputColumn REPRESENTATIVE_IMAGE_IDS =
      new OutputColumn(
          "representative_image_ids",
          createArrayType(StringType, false),
          "",
          "up to 8 members nearest the slice's centre, nearest first");

  public static final OutputColumn BASELINE_SLICE =
      new OutputColumn(
          "baseline_slice",
          StringType,
          "",
          "the baseline run's slice of the class that shares most members with this one (largest"
              + " Jaccard overlap); null without a baseline or a shared member");

  public static final OutputColumn BASELINE_OVERLAP =
      new OutputColumn(
          "baseline_overlap",
          DoubleType,
          "[0, 1]",
          "Jaccard overlap of the members of `slice` and `baseline_slice`: shared / either");

  public static final OutputColumn CENTRE_DISTANCE =
      new OutputColumn(
          "centre_distance",
          DoubleType,
          "",
          "squared Euclidean distance of the image's attention signature to its slice's centre;"
              + " null for a class of one slice");

  private OutputColumns() {}

  /** The metrics' ids as the docs list them: {@code `a`, `b`}. */
  static String codes(Stream<Metric> metrics) {
    return metrics.map(m -> "`" + m.id() + "`").collect(Collectors.joining(", "));
  }
}
