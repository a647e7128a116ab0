package io.camaudit.spark.output;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The one row per input that the audit's tasks produce, from which every table is selected.
 * Columns are set by name ({@link ResultRows}); the group columns follow {@code path}.
 */
public final class ResultSchema {

  public static final String IMAGE_ID = "image_id";
  public static final String PATH = "path";
  public static final String EXPLAINED = "explained";
  static final String REGIONS = "regions";

  /** One weakly supervised box: a connected region of the map above {@code tau} × its maximum. */
  static final StructType REGION =
      new StructType()
          .add("tau", DoubleType)
          .add("region", IntegerType)
          .add("x0", DoubleType)
          .add("y0", DoubleType)
          .add("x1", DoubleType)
          .add("y1", DoubleType)
          .add("pixels", IntegerType)
          .add("energy_share", DoubleType)
          .add("largest", BooleanType);

  private ResultSchema() {}

  /** The schema for the given group columns. */
  public static StructType of(List<String> groupColumns) {
    StructType schema = new StructType().add(IMAGE_ID, StringType).add(PATH, StringType);
    for (String group : groupColumns) {
      schema = schema.add(group, StringType);
    }
    return schema
        .add(EXPLAINED, BooleanType)
        .add("label", StringType)
        .add("target_class", StringType)
        .add("target_source", StringType)
        .add("target_logit", FloatType)
        .add("target_probability", DoubleType)
        .add("predicted_class", StringType)
        .add("correct", BooleanType)
        .add("map_height", IntegerType)
        .add("map_width", IntegerType)
        .add("cam", createArrayType(FloatType, false))
        .add("cam_max", FloatType)
        .add("heatmap_png", BinaryType)
        .add("image_width", IntegerType)
        .add("image_height", IntegerType)
        .add("decode_warning", StringType)
        .add("box_count", IntegerType)
        .add("energy_in", DoubleType)
        .add("energy_total", DoubleType)
        .add("energy_in_fraction", DoubleType)
        .add("box_area_fraction", DoubleType)
        .add("energy_lift", DoubleType)
        .add("pointing_hit", BooleanType)
        .add("peak_x", IntegerType)
        .add("peak_y", IntegerType)
        .add("cam_box_x0", DoubleType)
        .add("cam_box_y0", DoubleType)
        .add("cam_box_x1", DoubleType)
        .add("cam_box_y1", DoubleType)
        .add("cam_box_iou", DoubleType)
        .add(REGIONS, createArrayType(REGION, false))
        .add("loc_iou_largest", createArrayType(DoubleType, false))
        .add("loc_iou_any", createArrayType(DoubleType, false))
        .add("reject_stage", StringType)
        .add("reject_reason", StringType)
        .add("reject_detail", StringType);
  }
}
