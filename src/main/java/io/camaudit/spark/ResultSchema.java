package io.camaudit.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one row per input that the audit's tasks produce, from which every table is selected. The
 * group columns sit between {@code path} and {@code explained}.
 */
final class ResultSchema {

  static final String IMAGE_ID = "image_id";
  static final String PATH = "path";
  static final String EXPLAINED = "explained";

  /** Columns after the group columns, in row order. */
  static final List<StructField> AFTER_GROUPS =
      List.of(
          field(EXPLAINED, BooleanType),
          field("label", StringType),
          field("target_class", StringType),
          field("target_source", StringType),
          field("target_logit", FloatType),
          field("target_probability", DoubleType),
          field("predicted_class", StringType),
          field("correct", BooleanType),
          field("map_height", IntegerType),
          field("map_width", IntegerType),
          field("cam", createArrayType(FloatType, false)),
          field("cam_max", FloatType),
          field("image_width", IntegerType),
          field("image_height", IntegerType),
          field("box_count", IntegerType),
          field("energy_in", DoubleType),
          field("energy_total", DoubleType),
          field("energy_in_fraction", DoubleType),
          field("box_area_fraction", DoubleType),
          field("energy_lift", DoubleType),
          field("reject_stage", StringType),
          field("reject_reason", StringType),
          field("reject_detail", StringType));

  private ResultSchema() {}

  /** The schema for the given group columns. */
  static StructType of(List<String> groupColumns) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field(IMAGE_ID, StringType));
    fields.add(field(PATH, StringType));
    for (String group : groupColumns) {
      fields.add(field(group, StringType));
    }
    fields.addAll(AFTER_GROUPS);
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static StructField field(String name, DataType type) {
    return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
  }
}
