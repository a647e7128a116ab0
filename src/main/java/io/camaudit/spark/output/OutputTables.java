package io.camaudit.spark.output;


import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.camaudit.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Selects the per-image output tables from the result rows and stages them as Parquet in the
 * run's {@link RunCommit}. Columns are documented in {@code docs/outputs.md}.
 */
public final class OutputTables {

  static final String HEATMAPS = "heatmaps";
  static final String IMAGE_STATS = "image_stats";
  static final String BOXES = "boxes";
  static final String REJECTED = "rejected";

  /** Length of the digest prefix in {@code model_id}. */
  private static final int MODEL_ID_DIGEST = 12;

  private final Dataset<Row> results;
  private final String runId;
  private final String method;
  private final List<String> groupColumns;
  private final ModelInfo model;

  /**
   * The tables of {@code results}, the rows of {@link ResultSchema}.
   *
   * @param runId the run's id
   * @param method the CAM method's name
   * @param groupColumns the manifest's group columns, passed through to {@code image_stats}
   * @param model the model that explained the images
   */
  public OutputTables(Dataset<Row> results, String runId, String method,
      List<String> groupColumns, ModelInfo model) {
    this.results = results;
    this.runId = runId;
    this.method = method;
    this.groupColumns = List.copyOf(groupColumns);
    this.model = model;
  }

  /** Stages {@code heatmaps}, {@code image_stats}, {@code boxes} and {@code rejected}. */
  public void write(RunCommit run) {
    run.writeTable(heatmaps(), HEATMAPS);
    run.writeTable(imageStats(), IMAGE_STATS);
    run.writeTable(boxes(), BOXES);
    run.writeTable(rejected(), REJECTED);
  }

  Dataset<Row> heatmaps() {
    return explained()
        .select(
            col("image_id"),
            lit(model.spec().name() + "@" + model.digest().substring(0, MODEL_ID_DIGEST))
                .as("model_id"),
            lit(method).as("method"),
            lit(model.spec().layer()).as("layer"),
            col("target_class"),
            col("target_source"),
            col("map_height"),
            col("map_width"),
            col("cam"),
            col("cam_max"),
            col("heatmap_png"),
            runId());
  }

  Dataset<Row> imageStats() {
    List<Column> columns = new ArrayList<>();
    columns.add(col("image_id"));
    for (String group : groupColumns) {
      columns.add(col(group));
    }
    for (String name :
        List.of(
            "label", "predicted_class", "target_class", "target_source", "target_probability",
            "correct", "image_width", "image_height", "decode_warning", "box_count", "energy_in", "energy_total",
            "energy_in_fraction", "box_area_fraction", "energy_lift", "pointing_hit", "peak_x",
            "peak_y", "cam_box_x0", "cam_box_y0", "cam_box_x1", "cam_box_y1", "cam_box_iou")) {
      columns.add(col(name));
    }
    columns.add(runId());
    return explained().select(columns.toArray(new Column[0]));
  }

  /** One row per weakly supervised box: each region of each map at each threshold. */
  Dataset<Row> boxes() {
    return explained()
        .select(col("image_id"), col("target_class"), explode(col(ResultSchema.REGIONS)).as("r"))
        .select(
            col("image_id"), col("target_class"), col("r.tau"), col("r.region"), col("r.x0"),
            col("r.y0"), col("r.x1"), col("r.y1"), col("r.pixels"), col("r.energy_share"),
            col("r.largest"), runId());
  }

  Dataset<Row> rejected() {
    return results
        .filter(col(ResultSchema.EXPLAINED).equalTo(false))
        .select(
            col("path").as("source"),
            col("image_id"),
            col("reject_stage").as("stage"),
            col("reject_reason").as("reason"),
            col("reject_detail").as("detail"),
            runId());
  }

  private Dataset<Row> explained() {
    return results.filter(col(ResultSchema.EXPLAINED));
  }

  private Column runId() {
    return lit(runId).as("run_id");
  }
}
