package io.camaudit.spark.ml;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The columns {@link CamTransformer} appends, in order, each named {@code <outputCol><suffix>} so
 * that two transformers with different output columns can live in one pipeline.
 */
enum CamColumn {
  /** The map at feature resolution, row-major. */
  MAP("", createArrayType(FloatType, false)),
  /** The map's height, cells. */
  HEIGHT("_height", IntegerType),
  /** The map's width, cells. */
  WIDTH("_width", IntegerType),
  /** The explained class: the label column's class when set and non-empty, else the predicted. */
  TARGET_CLASS("_target_class", StringType),
  /** The model's probability of the explained class. */
  TARGET_PROBABILITY("_target_probability", DoubleType),
  /** The model's arg-max class. */
  PREDICTED_CLASS("_predicted_class", StringType),
  /** {@code null} when explained, else {@code reason_code: detail}. */
  ERROR("_error", StringType);

  private final String suffix;
  private final DataType type;

  CamColumn(String suffix, DataType type) {
    this.suffix = suffix;
    this.type = type;
  }

  /** The column's name for a transformer whose output column is {@code outputCol}. */
  String name(String outputCol) {
    return outputCol + suffix;
  }

  /** Every appended column's name, in order. */
  static List<String> names(String outputCol) {
    return Arrays.stream(values()).map(c -> c.name(outputCol)).toList();
  }

  /** {@code input} with the appended columns, all nullable. */
  static StructType appendTo(StructType input, String outputCol) {
    StructType schema = input;
    for (CamColumn column : values()) {
      schema = schema.add(column.name(outputCol), column.type, true);
    }
    return schema;
  }
}
