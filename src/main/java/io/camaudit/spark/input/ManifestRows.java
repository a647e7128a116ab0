package io.camaudit.spark.input;

import io.camaudit.audit.AuditInput;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Reading audit inputs from normalised manifest rows. */
public final class ManifestRows {

  private ManifestRows() {}

  /** Longest piece of an unusable manifest value quoted in a rejection's detail. */
  static final int QUOTED_CHARACTERS = 300;

  public static AuditInput toInput(Row row) throws InputRejectedException {
    String malformed = row.getAs(ManifestSchema.MALFORMED_RECORD);
    if (malformed != null) {
      throw new InputRejectedException(
          RejectReason.MALFORMED_RECORD,
          "the manifest reader could not parse this record: " + quoted(malformed));
    }
    String imageId = row.getAs(ManifestSchema.IMAGE_ID);
    String path = row.getAs(ManifestSchema.PATH);
    if (imageId == null || imageId.isBlank()) {
      throw new InputRejectedException(RejectReason.MISSING_FIELD, "image_id is empty");
    }
    if (path == null || path.isBlank()) {
      throw new InputRejectedException(RejectReason.MISSING_FIELD, "path is empty");
    }
    if (Boolean.TRUE.equals(row.getAs(ManifestSchema.DUPLICATE))) {
      throw new InputRejectedException(
          RejectReason.DUPLICATE_IMAGE_ID,
          "image_id '" + imageId + "' appears earlier in the manifest; the first is audited");
    }
    String label = row.getAs(ManifestSchema.LABEL);
    return new AuditInput(
        imageId, path, label == null || label.isBlank() ? null : label, boxes(row));
  }

  private static List<Box> boxes(Row row) throws InputRejectedException {
    List<Row> raw = row.getList(row.fieldIndex(ManifestSchema.BOXES));
    String text = row.getAs(ManifestSchema.BOXES_TEXT);
    List<Box> boxes = new ArrayList<>();
    if (raw == null) {
      if (text != null && !text.isBlank()) {
        throw new InputRejectedException(
            RejectReason.INVALID_BOX,
            "boxes is not a JSON array of {x0, y0, x1, y1, label}" + " objects: " + quoted(text));
      }
      return boxes;
    }
    for (Row box : raw) {
      try {
        boxes.add(
            new Box(
                coordinate(box, "x0"),
                coordinate(box, "y0"),
                coordinate(box, "x1"),
                coordinate(box, "y1"),
                box.getAs(ManifestSchema.LABEL)));
      } catch (IllegalArgumentException e) {
        throw new InputRejectedException(
            RejectReason.INVALID_BOX,
            e.getMessage() + (text == null ? "" : " in boxes " + quoted(text)),
            e);
      }
    }
    return boxes;
  }

  private static double coordinate(Row box, String name) {
    Object value = box.getAs(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "Invalid box " + box + ": coordinate " + name + " is missing or not a number");
    }
    return ((Number) value).doubleValue();
  }

  /** {@code text} in quotes, cut to {@value #QUOTED_CHARACTERS} characters. */
  private static String quoted(String text) {
    return text.length() <= QUOTED_CHARACTERS
        ? "'" + text + "'"
        : "'" + text.substring(0, QUOTED_CHARACTERS) + "…' (" + text.length() + " characters)";
  }
}
