package io.camaudit.data;

/** Why an input could not be used; the code is written to the {@code rejected} table. */
public enum RejectReason {
  MALFORMED_RECORD("read", "the manifest's reader could not parse the record"),
  MISSING_FIELD("read", "a required manifest field is empty"),
  DUPLICATE_IMAGE_ID("read", "another manifest row has the same image_id"),
  UNREADABLE_FILE("read", "the file could not be read"),
  EMPTY_FILE("decode", "the file is empty"),
  UNSUPPORTED_FORMAT("decode", "no decoder recognises the file's format"),
  TOO_MANY_PIXELS("decode", "the declared image size exceeds the pixel limit"),
  CORRUPT_IMAGE("decode", "the image data is corrupt or truncated"),
  UNKNOWN_LABEL(
      "validate",
      "the label (with --targets all-labels, also a box's label) is not one of the model's"
          + " classes"),
  INVALID_BOX(
      "validate",
      "a box has non-finite, negative or unordered coordinates, or lies outside" + " the image");

  private final String stage;
  private final String description;

  RejectReason(String stage, String description) {
    this.stage = stage;
    this.description = description;
  }

  /** Lower-case code, for example {@code corrupt_image}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The pipeline stage that rejects: {@code read}, {@code decode} or {@code validate}. */
  public String stage() {
    return stage;
  }

  /** One-line meaning, for documentation and messages. */
  public String description() {
    return description;
  }
}
