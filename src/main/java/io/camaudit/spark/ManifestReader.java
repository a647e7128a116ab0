package io.camaudit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a manifest (Parquet, CSV or JSON Lines) into the normalised columns the audit expects:
 * {@code image_id}, {@code path} (relative paths resolved against the manifest's folder),
 * {@code label}, {@code boxes} ({@code array<struct<x0, y0, x1, y1: double, label: string>>}) and
 * the group columns, all as strings, and {@value #DUPLICATE}. In CSV the boxes column holds the
 * same structure as JSON. An empty file is an empty manifest.
 * See {@code docs/inputs.md}.
 */
public final class ManifestReader {

  /** The boxes column's type. */
  public static final StructType BOX =
      new StructType()
          .add("x0", DataTypes.DoubleType)
          .add("y0", DataTypes.DoubleType)
          .add("x1", DataTypes.DoubleType)
          .add("y1", DataTypes.DoubleType)
          .add("label", DataTypes.StringType);

  /** Column flagging a repeated image id. */
  public static final String DUPLICATE = "duplicate_image_id";

  private static final String ABSOLUTE = "^([a-zA-Z][a-zA-Z0-9+.-]*:|/)";
  private static final String ORDER = "_manifest_order";

  private ManifestReader() {}

  /** Supported manifest formats. */
  public enum Format {
    PARQUET,
    CSV,
    JSON;

    /** The format named by a manifest file's extension. */
    public static Format ofPath(String path) {
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".parquet")) {
        return PARQUET;
      }
      if (lower.endsWith(".csv")) {
        return CSV;
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
        return JSON;
      }
      throw new IllegalArgumentException(
          "Invalid --manifest '" + path + "': cannot tell its format from the extension; use"
              + " .parquet, .csv, .jsonl or .json, or pass --manifest-format");
    }
  }

  /**
   * Reads the manifest at {@code path}.
   *
   * @throws IllegalArgumentException when a required or group column is missing
   */
  public static Dataset<Row> read(
      SparkSession spark, String path, Format format, List<String> groupColumns) {
    Dataset<Row> raw =
        switch (format) {
          case PARQUET -> spark.read().parquet(path);
          case CSV -> spark.read().option("header", true).option("mode", "PERMISSIVE").csv(path);
          case JSON -> spark.read().option("mode", "PERMISSIVE").json(path);
        };
    List<String> columns = Arrays.asList(raw.columns());
    if (columns.isEmpty()) {
      // An empty JSON or CSV file has no inferable columns: an empty manifest, not a bad one.
      return spark.createDataFrame(List.of(), schema(groupColumns));
    }
    for (String required : List.of("image_id", "path")) {
      requireColumn(columns, required, path, "a required column");
    }
    for (String group : groupColumns) {
      requireColumn(columns, group, path, "named by --group-cols");
    }
    String base = parentOf(path);
    List<Column> selected = new ArrayList<>();
    selected.add(col("image_id").cast(DataTypes.StringType).as("image_id"));
    Column rawPath = col("path").cast(DataTypes.StringType);
    selected.add(
        when(rawPath.rlike(ABSOLUTE), rawPath).otherwise(concat(lit(base), rawPath)).as("path"));
    for (String group : groupColumns) {
      selected.add(col(group).cast(DataTypes.StringType).as(group));
    }
    selected.add(
        (columns.contains("label") ? col("label").cast(DataTypes.StringType)
            : lit(null).cast(DataTypes.StringType)).as("label"));
    selected.add(boxes(raw, columns).as("boxes"));
    return flagDuplicates(raw.select(selected.toArray(new Column[0])));
  }

  /**
   * Adds {@value #DUPLICATE}: true for every row whose image id appeared earlier in the manifest
   * (file order), so the first occurrence is audited and the others rejected.
   */
  private static Dataset<Row> flagDuplicates(Dataset<Row> manifest) {
    WindowSpec sameId = Window.partitionBy(col("image_id")).orderBy(col(ORDER));
    return manifest
        .withColumn(ORDER, monotonically_increasing_id())
        .withColumn(DUPLICATE, row_number().over(sameId).gt(1).and(col("image_id").isNotNull()))
        .drop(ORDER);
  }

  /** The normalised manifest's schema. */
  static StructType schema(List<String> groupColumns) {
    StructType schema = new StructType()
        .add("image_id", DataTypes.StringType)
        .add("path", DataTypes.StringType);
    for (String group : groupColumns) {
      schema = schema.add(group, DataTypes.StringType);
    }
    return schema
        .add("label", DataTypes.StringType)
        .add("boxes", DataTypes.createArrayType(BOX))
        .add(DUPLICATE, DataTypes.BooleanType);
  }

  private static Column boxes(Dataset<Row> raw, List<String> columns) {
    if (!columns.contains("boxes")) {
      return lit(null).cast(DataTypes.createArrayType(BOX));
    }
    if (raw.schema().apply("boxes").dataType() == DataTypes.StringType) {
      return from_json(col("boxes"), DataTypes.createArrayType(BOX));
    }
    // Fields by name: a struct cast would match them by position, and inferred schemas sort them.
    return transform(
        col("boxes"),
        box ->
            struct(
                box.getField("x0").cast(DataTypes.DoubleType).as("x0"),
                box.getField("y0").cast(DataTypes.DoubleType).as("y0"),
                box.getField("x1").cast(DataTypes.DoubleType).as("x1"),
                box.getField("y1").cast(DataTypes.DoubleType).as("y1"),
                box.getField("label").cast(DataTypes.StringType).as("label")));
  }

  private static void requireColumn(List<String> columns, String name, String path, String why) {
    if (!columns.contains(name)) {
      throw new IllegalArgumentException(
          "Invalid --manifest '" + path + "': no column '" + name + "' (" + why + "); found "
              + columns);
    }
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash + 1);
  }
}
