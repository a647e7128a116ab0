package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.ENERGY_SHARE;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.LARGEST;
import static io.camaudit.spark.output.OutputColumns.PIXELS;
import static io.camaudit.spark.output.OutputColumns.REGION_RANK;
import static io.camaudit.spark.output.OutputColumns.TAU;
import static io.camaudit.spark.output.OutputColumns.X0;
import static io.camaudit.spark.output.OutputColumns.X1;
import static io.camaudit.spark.output.OutputColumns.Y0;
import static io.camaudit.spark.output.OutputColumns.Y1;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import io.camaudit.spark.input.ManifestSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows that the audit's tasks produce, one per explained (image, class) pair and one per
 * rejected input, from which every table is selected: the image's id, path and group columns,
 * whether it was explained and whether the row is its image's first, every per-image column of
 * {@link OutputTable#IMAGE_STATS} and {@link OutputTable#HEATMAPS}, and the columns only the job
 * reads (regions, localisation traces, the rejection). Built by {@link ResultRows}.
 */
public final class ResultSchema {

  /** Whether the input was explained (else rejected). */
  public static final String EXPLAINED = "explained";

  /**
   * Whether the row is its image's first explained class (or a rejection): counting these counts
   * inputs once, whatever the number of classes explained per image.
   */
  public static final String FIRST_TARGET = "first_target";

  /** Every region of the map at every threshold, {@code array<}{@link #REGION}{@code >}. */
  public static final String REGIONS = "regions";

  /** The image's {@link io.camaudit.audit.AttentionSignature}, {@code array<float>}. */
  public static final String SIGNATURE = "signature";

  /** Best IoU of the largest region with a ground-truth box, per threshold. */
  static final String LOC_IOU_LARGEST = "loc_iou_largest";

  /** Best IoU of any region with a ground-truth box, per threshold. */
  static final String LOC_IOU_ANY = "loc_iou_any";

  /** Where a rejected input failed: {@link OutputColumns#STAGE}. */
  static final String REJECT_STAGE = "reject_stage";

  /** Why an input was rejected: {@link OutputColumns#REASON}. */
  public static final String REJECT_REASON = "reject_reason";

  /** What was wrong with a rejected input: {@link OutputColumns#DETAIL}. */
  static final String REJECT_DETAIL = "reject_detail";

  /** The {@link OutputTable#BOXES} columns that describe one region, in {@link #REGION}'s order. */
  static final List<OutputColumn> REGION_COLUMNS =
      List.of(TAU, REGION_RANK, X0, Y0, X1, Y1, PIXELS, ENERGY_SHARE, LARGEST);

  /** One weakly supervised box: a connected region of the map above {@code tau} × its maximum. */
  static final StructType REGION = struct(REGION_COLUMNS);

  private ResultSchema() {}

  /** The schema for the given group columns. */
  public static StructType of(List<String> groupColumns) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    fields.put(IMAGE_ID.name(), IMAGE_ID.field());
    fields.put(ManifestSchema.PATH, createStructField(ManifestSchema.PATH, StringType, true));
    for (String group : groupColumns) {
      fields.put(group, createStructField(group, StringType, true));
    }
    fields.put(EXPLAINED, createStructField(EXPLAINED, BooleanType, true));
    fields.put(FIRST_TARGET, createStructField(FIRST_TARGET, BooleanType, true));
    for (OutputTable table : List.of(OutputTable.IMAGE_STATS, OutputTable.HEATMAPS)) {
      for (OutputColumn column : table.columns()) {
        if (!OutputTables.RUN_LEVEL.contains(column)) {
          fields.putIfAbsent(column.name(), column.field());
        }
      }
    }
    StructType schema = new StructType(fields.values().toArray(new StructField[0]));
    return schema
        .add(SIGNATURE, createArrayType(FloatType, false))
        .add(REGIONS, createArrayType(REGION, false))
        .add(LOC_IOU_LARGEST, createArrayType(DoubleType, false))
        .add(LOC_IOU_ANY, createArrayType(DoubleType, false))
        .add(REJECT_STAGE, StringType)
        .add(REJECT_REASON, StringType)
        .add(REJECT_DETAIL, StringType);
  }

  private static StructType struct(List<OutputColumn> columns) {
    StructType struct = new StructType();
    for (OutputColumn column : columns) {
      struct = struct.add(column.field());
    }
    return struct;
  }
}
