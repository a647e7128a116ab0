package io.camaudit.spark.input;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The normalised manifest that {@link ManifestReader} makes of every input format, one row per
 * image: the columns users write ({@code docs/inputs.md}) and those the reader adds.
 */
public final class ManifestSchema {

  /** The image's id, unique in the manifest. */
  public static final String IMAGE_ID = "image_id";

  /** The image's location: absolute, or resolved against the manifest's folder. */
  public static final String PATH = "path";

  /** The class to explain, or null for the predicted class. */
  public static final String LABEL = "label";

  /** The annotated boxes, {@code array<}{@link #BOX}{@code >}. */
  public static final String BOXES = "boxes";

  /** A box: corners in original pixels and an optional class. */
  public static final StructType BOX =
      new StructType()
          .add("x0", DataTypes.DoubleType)
          .add("y0", DataTypes.DoubleType)
          .add("x1", DataTypes.DoubleType)
          .add("y1", DataTypes.DoubleType)
          .add(LABEL, DataTypes.StringType);

  /** Added: true for a row whose image id appeared earlier in the manifest. */
  public static final String DUPLICATE = "duplicate_image_id";

  /** Added: the {@code boxes} value as written, when the manifest wrote it as text. */
  public static final String BOXES_TEXT = "boxes_text";

  /** Added: the text of a record the format's reader could not parse, else null. */
  public static final String MALFORMED_RECORD = "malformed_record";

  /** The columns users write; any other column may be a group column. */
  static final List<String> USER_COLUMNS = List.of(IMAGE_ID, PATH, LABEL, BOXES);

  private ManifestSchema() {}

  /** The normalised manifest's schema with {@code groupColumns} after {@link #PATH}. */
  static StructType of(List<String> groupColumns) {
    StructType schema =
        new StructType().add(IMAGE_ID, DataTypes.StringType).add(PATH, DataTypes.StringType);
    for (String group : groupColumns) {
      schema = schema.add(group, DataTypes.StringType);
    }
    return schema
        .add(LABEL, DataTypes.StringType)
        .add(BOXES, DataTypes.createArrayType(BOX))
        .add(BOXES_TEXT, DataTypes.StringType)
        .add(MALFORMED_RECORD, DataTypes.StringType)
        .add(DUPLICATE, DataTypes.BooleanType);
  }
}
