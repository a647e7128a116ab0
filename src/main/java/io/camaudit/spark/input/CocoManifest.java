package io.camaudit.spark.input;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.camaudit.spark.compat.SparkCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A COCO instances file as manifest rows, with Spark's JSON reader ({@code multiLine}) and {@code
 * explode}: one row per entry of {@code images}; {@code label} = the category of the image's
 * largest non-crowd annotation (ties: the earlier one in the file), {@code boxes} = every non-crowd
 * annotation, {@code [x, y, w, h]} becoming {@code (x, y, x + w, y + h)}, labelled with its
 * category's name. The other fields of the image entries (width, height, license, a custom source,
 * …) can be group columns. The file is parsed by one task (a multi-line JSON document cannot be
 * split); the rows it yields are joined and aggregated on the executors, never on the driver. See
 * {@code docs/inputs.md}.
 */
final class CocoManifest {

  /** Names the normalised manifest owns; image fields of these names are not group columns. */
  static final Set<String> RESERVED =
      Set.of(
          "id",
          "file_name",
          ManifestSchema.IMAGE_ID,
          ManifestSchema.PATH,
          ManifestSchema.LABEL,
          ManifestSchema.BOXES,
          ManifestSchema.DUPLICATE);

  private CocoManifest() {}

  /**
   * The image rows: {@code image_id}, {@code path} (resolved against {@code imagesRoot}, which ends
   * with {@code /}), {@code label}, {@code boxes} and the image entries' other fields.
   */
  static Dataset<Row> read(SparkSession spark, String location, String imagesRoot) {
    Dataset<Row> document;
    try {
      document = spark.read().option("multiLine", true).option("mode", "FAILFAST").json(location);
    } catch (RuntimeException e) {
      throw invalid(location, "cannot read it as JSON (" + e.getMessage() + ")", e);
    }
    StructType schema = document.schema();
    StructType image = elements(schema, "images", location, List.of("id", "file_name"));
    StructType annotation =
        elements(
            schema,
            "annotations",
            location,
            List.of(ManifestSchema.IMAGE_ID, "bbox", "category_id"));
    StructType category = elements(schema, "categories", location, List.of("id", "name"));

    List<Column> imageColumns = new ArrayList<>();
    imageColumns.add(col("image.id").cast(DataTypes.StringType).as(ManifestSchema.IMAGE_ID));
    Column fileName = col("image.file_name").cast(DataTypes.StringType);
    imageColumns.add(
        when(fileName.rlike(ManifestReader.ABSOLUTE), fileName)
            .otherwise(concat(lit(imagesRoot), fileName))
            .as(ManifestSchema.PATH));
    if (image != null) {
      for (StructField field : image.fields()) {
        if (!RESERVED.contains(field.name())) {
          imageColumns.add(col("image." + field.name()).as(field.name()));
        }
      }
    }
    Dataset<Row> images =
        image == null
            ? spark.createDataFrame(
                List.of(),
                new StructType()
                    .add(ManifestSchema.IMAGE_ID, DataTypes.StringType)
                    .add(ManifestSchema.PATH, DataTypes.StringType))
            : document
                .select(org.apache.spark.sql.functions.explode(col("images")).as("image"))
                .select(imageColumns.toArray(new Column[0]));

    DataType boxesType = DataTypes.createArrayType(ManifestSchema.BOX);
    if (annotation == null) {
      // "annotations": [] — every image explained for its predicted class, without boxes.
      return images
          .withColumn(ManifestSchema.LABEL, lit(null).cast(DataTypes.StringType))
          .withColumn(ManifestSchema.BOXES, array().cast(boxesType));
    }
    Column bbox = col("a.bbox");
    Column x = SparkCompat.tryCast(element_at(bbox, 1), DataTypes.DoubleType);
    Column y = SparkCompat.tryCast(element_at(bbox, 2), DataTypes.DoubleType);
    Column w = SparkCompat.tryCast(element_at(bbox, 3), DataTypes.DoubleType);
    Column h = SparkCompat.tryCast(element_at(bbox, 4), DataTypes.DoubleType);
    Column crowd =
        annotation.getFieldIndex("iscrowd").isDefined()
            ? coalesce(col("a.iscrowd").cast(DataTypes.LongType), lit(0L))
            : lit(0L);
    Dataset<Row> annotations =
        document
            .select(posexplode(col("annotations")).as(new String[] {"position", "a"}))
            .filter(crowd.equalTo(0L))
            .select(
                col("a.image_id").cast(DataTypes.StringType).as("annotation_image"),
                col("position"),
                col("a.category_id").cast(DataTypes.StringType).as("category"),
                x.as("x0"),
                y.as("y0"),
                x.plus(w).as("x1"),
                y.plus(h).as("y1"),
                w.multiply(h).as("area"));
    if (category != null) {
      Dataset<Row> names =
          document
              .select(org.apache.spark.sql.functions.explode(col("categories")).as("c"))
              .select(
                  col("c.id").cast(DataTypes.StringType).as("category_id"),
                  col("c.name").cast(DataTypes.StringType).as("category_name"));
      annotations =
          annotations
              .join(broadcast(names), col("category").equalTo(col("category_id")), "left")
              .withColumn("box_label", coalesce(col("category_name"), col("category")));
    } else {
      annotations = annotations.withColumn("box_label", col("category"));
    }
    Dataset<Row> perImage =
        annotations
            .groupBy(col("annotation_image"))
            .agg(
                max_by(col("box_label"), struct(col("area"), col("position").multiply(-1)))
                    .as(ManifestSchema.LABEL),
                array_sort(
                        collect_list(
                            struct(
                                col("position"),
                                struct(
                                        col("x0"),
                                        col("y0"),
                                        col("x1"),
                                        col("y1"),
                                        col("box_label").as(ManifestSchema.LABEL))
                                    .as("box"))))
                    .as("ordered"));
    return images
        .join(
            perImage,
            images.col(ManifestSchema.IMAGE_ID).equalTo(perImage.col("annotation_image")),
            "left")
        .withColumn(
            ManifestSchema.BOXES,
            coalesce(
                transform(col("ordered"), entry -> entry.getField("box")).cast(boxesType),
                array().cast(boxesType)))
        .drop("annotation_image", "ordered");
  }

  /**
   * The element struct of the top-level array {@code name}, or {@code null} when the array is empty
   * ({@code []} infers no element fields).
   */
  private static StructType elements(
      StructType schema, String name, String location, List<String> required) {
    if (!schema.getFieldIndex(name).isDefined()) {
      throw invalid(location, "no '" + name + "' array");
    }
    DataType type = schema.apply(name).dataType();
    if (!(type instanceof ArrayType array)) {
      throw invalid(location, "'" + name + "' is not an array");
    }
    if (!(array.elementType() instanceof StructType element)) {
      return null;
    }
    for (String field : required) {
      if (!element.getFieldIndex(field).isDefined()) {
        throw invalid(location, "the entries of '" + name + "' have no '" + field + "'");
      }
    }
    return element;
  }

  private static IllegalArgumentException invalid(String location, String why) {
    return invalid(location, why, null);
  }

  private static IllegalArgumentException invalid(String location, String why, Throwable cause) {
    return new IllegalArgumentException(
        "Invalid --manifest '"
            + location
            + "': not a COCO instances file: "
            + why
            + " (expected one JSON object with images, annotations and categories arrays;"
            + " see docs/inputs.md)",
        cause);
  }
}
