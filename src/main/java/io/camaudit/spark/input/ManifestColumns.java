package io.camaudit.spark.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;

import io.camaudit.spark.compat.SparkCompat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The typed columns of a raw manifest ({@code image_id}, {@code path}, {@code label}, {@code
 * boxes}), checked before any row is read: a column of a type that cannot hold its values stops the
 * run with a message naming the column and the type expected. Optional fields may be absent in
 * every format, box {@code label}s included. A {@code boxes} value that does not parse is kept, as
 * text, for the row's rejection instead of becoming a silent null.
 */
final class ManifestColumns {

  /** The box struct's coordinates, all required. */
  static final List<String> COORDINATES = List.of("x0", "y0", "x1", "y1");

  static final String EXPECTED_BOXES =
      "array<struct<x0, y0, x1, y1: double, label: string>> or its JSON text";

  private static final DataType BOXES = DataTypes.createArrayType(ManifestSchema.BOX);

  private final StructType raw;
  private final String manifest;

  /**
   * The columns of {@code raw}, the schema of the manifest at {@code manifest}.
   *
   * @throws IllegalArgumentException when a manifest column has an unusable type
   */
  ManifestColumns(StructType raw, String manifest) {
    this.raw = raw;
    this.manifest = manifest;
    for (String name :
        List.of(ManifestSchema.IMAGE_ID, ManifestSchema.PATH, ManifestSchema.LABEL)) {
      field(name).ifPresent(f -> requireAtomic(f.dataType(), name));
    }
    field(ManifestSchema.BOXES).ifPresent(f -> checkBoxes(f.dataType()));
  }

  /** {@code name} as a string, or null when the manifest has no such column. */
  Column string(String name) {
    return field(name).isPresent()
        ? col(name).cast(DataTypes.StringType)
        : lit(null).cast(DataTypes.StringType);
  }

  /** The boxes as {@code array<struct<x0, y0, x1, y1, label>>}; null where absent or unparsable. */
  Column boxes() {
    if (field(ManifestSchema.BOXES).isEmpty()) {
      return lit(null).cast(BOXES);
    }
    DataType type = raw.apply(ManifestSchema.BOXES).dataType();
    if (type instanceof ArrayType array && array.elementType() instanceof StructType element) {
      return transform(col(ManifestSchema.BOXES), box -> boxStruct(box, element));
    }
    // Arrays that are not of structs: JSON Lines whose boxes are all empty are inferred as
    // array<string>; their JSON text parses like a string's.
    return from_json(boxesText(), BOXES);
  }

  /**
   * The {@code boxes} value as the manifest wrote it, when it is text (CSV, or JSON Lines whose
   * boxes are strings or of mixed types): quoted in a rejection when the value does not parse or
   * holds a bad box. Null for typed boxes.
   */
  Column boxesText() {
    if (field(ManifestSchema.BOXES).isEmpty()
        || isStructArray(raw.apply(ManifestSchema.BOXES).dataType())) {
      return lit(null).cast(DataTypes.StringType);
    }
    return raw.apply(ManifestSchema.BOXES).dataType() instanceof StringType
        ? col(ManifestSchema.BOXES)
        : to_json(col(ManifestSchema.BOXES));
  }

  /**
   * The raw text of a record that the reader could not parse (Spark's {@code _corrupt_record} for
   * JSON Lines), or null.
   */
  Column malformedRecord() {
    return field(CORRUPT_RECORD).isPresent()
        ? col(CORRUPT_RECORD)
        : lit(null).cast(DataTypes.StringType);
  }

  /** The column Spark's JSON reader fills with the text of a line it cannot parse. */
  static final String CORRUPT_RECORD = "_corrupt_record";

  /** One box with its fields by name: a struct cast would match them by position. */
  private static Column boxStruct(Column box, StructType element) {
    Column[] fields = new Column[COORDINATES.size() + 1];
    for (int i = 0; i < COORDINATES.size(); i++) {
      String name = COORDINATES.get(i);
      fields[i] = SparkCompat.tryCast(box.getField(name), DataTypes.DoubleType).as(name);
    }
    fields[COORDINATES.size()] =
        (element.getFieldIndex(ManifestSchema.LABEL).isDefined()
                ? box.getField(ManifestSchema.LABEL).cast(DataTypes.StringType)
                : lit(null).cast(DataTypes.StringType))
            .as(ManifestSchema.LABEL);
    return struct(fields);
  }

  private void checkBoxes(DataType type) {
    if (type instanceof StringType) {
      return;
    }
    if (type instanceof ArrayType array) {
      DataType element = array.elementType();
      if (element instanceof StringType || element instanceof NullType) {
        return;
      }
      if (element instanceof StructType box) {
        for (String coordinate : COORDINATES) {
          Option<Object> index = box.getFieldIndex(coordinate);
          if (index.isEmpty()) {
            throw invalid(
                ManifestSchema.BOXES, type, EXPECTED_BOXES + " (no field '" + coordinate + "')");
          }
          DataType coordinateType = box.fields()[(Integer) index.get()].dataType();
          if (!(coordinateType instanceof NumericType || coordinateType instanceof StringType)) {
            throw invalid(
                ManifestSchema.BOXES,
                type,
                EXPECTED_BOXES + " ('" + coordinate + "' must be a" + " number)");
          }
        }
        box.getFieldIndex(ManifestSchema.LABEL)
            .foreach(
                i -> {
                  requireAtomic(box.fields()[(Integer) i].dataType(), "boxes.label");
                  return null;
                });
        return;
      }
    }
    throw invalid(ManifestSchema.BOXES, type, EXPECTED_BOXES);
  }

  private static boolean isStructArray(DataType type) {
    return type instanceof ArrayType array && array.elementType() instanceof StructType;
  }

  private void requireAtomic(DataType type, String name) {
    if (type instanceof StructType
        || type instanceof ArrayType
        || type instanceof MapType
        || type instanceof BinaryType) {
      throw invalid(name, type, "a string (or a number)");
    }
  }

  private IllegalArgumentException invalid(String column, DataType type, String expected) {
    return new IllegalArgumentException(
        "Invalid --manifest '"
            + manifest
            + "': column '"
            + column
            + "' has type "
            + type.simpleString()
            + ", expected "
            + expected
            + " (docs/inputs.md)");
  }

  private java.util.Optional<StructField> field(String name) {
    Option<Object> index = raw.getFieldIndex(name);
    return index.isDefined()
        ? java.util.Optional.of(raw.fields()[(Integer) index.get()])
        : java.util.Optional.empty();
  }
}
