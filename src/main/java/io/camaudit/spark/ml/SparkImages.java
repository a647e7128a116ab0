package io.camaudit.spark.ml;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of Spark's {@code image} data source ({@code spark.read().format("image")}) as images,
 * without decoding anything again: the source has decoded each file with Image I/O into row-major
 * bytes in OpenCV's channel order (BGR, BGRA, or one grey channel).
 */
final class SparkImages {

  static final String ORIGIN = "origin";
  static final String HEIGHT = "height";
  static final String WIDTH = "width";
  static final String CHANNELS = "nChannels";
  static final String MODE = "mode";
  static final String DATA = "data";

  /** OpenCV types the source writes: 8-bit with 1, 3 or 4 channels. */
  static final int CV_8UC1 = 0;

  static final int CV_8UC3 = 16;
  static final int CV_8UC4 = 24;

  /** The fields of the source's {@code image} struct, by name and type. */
  static final StructType SCHEMA =
      new StructType()
          .add(ORIGIN, StringType)
          .add(HEIGHT, IntegerType)
          .add(WIDTH, IntegerType)
          .add(CHANNELS, IntegerType)
          .add(MODE, IntegerType)
          .add(DATA, BinaryType);

  private SparkImages() {}

  /**
   * Whether {@code type} is the source's image struct (field names and types; nullability aside).
   */
  static boolean isImageStruct(DataType type) {
    if (!(type instanceof StructType struct) || struct.size() != SCHEMA.size()) {
      return false;
    }
    for (StructField expected : SCHEMA.fields()) {
      if (!struct.getFieldIndex(expected.name()).isDefined()
          || !struct.apply(expected.name()).dataType().equals(expected.dataType())) {
        return false;
      }
    }
    return true;
  }

  /** The image's {@code origin}, or {@code null}. */
  static String origin(Row image) {
    return image == null ? null : image.getAs(ORIGIN);
  }

  /**
   * The image of a row of the source's struct as packed RGB; alpha is dropped and a grey channel is
   * replicated, as the preprocessing does for decoded files.
   *
   * @throws InputRejectedException when the row is null, the source could not decode the file (it
   *     writes height and width -1 and no data), the mode is not one it writes, the data has the
   *     wrong length, or the image has more than {@code maxPixels} pixels
   */
  static BufferedImage toImage(Row image, long maxPixels) throws InputRejectedException {
    if (image == null) {
      throw new InputRejectedException(RejectReason.MISSING_FIELD, "image is null");
    }
    String origin = image.getAs(ORIGIN);
    Integer height = image.getAs(HEIGHT);
    Integer width = image.getAs(WIDTH);
    Integer channels = image.getAs(CHANNELS);
    Integer mode = image.getAs(MODE);
    byte[] data = image.getAs(DATA);
    if (height == null
        || width == null
        || channels == null
        || mode == null
        || data == null
        || height <= 0
        || width <= 0) {
      throw new InputRejectedException(
          RejectReason.CORRUPT_IMAGE,
          origin
              + ": Spark's image source could not decode it"
              + " (height "
              + height
              + ", width "
              + width
              + ")");
    }
    int expectedChannels =
        switch (mode) {
          case CV_8UC1 -> 1;
          case CV_8UC3 -> 3;
          case CV_8UC4 -> 4;
          default -> -1;
        };
    if (expectedChannels < 0 || expectedChannels != channels) {
      throw new InputRejectedException(
          RejectReason.UNSUPPORTED_FORMAT,
          origin
              + ": OpenCV mode "
              + mode
              + " with "
              + channels
              + " channels (expected CV_8UC1, CV_8UC3 or CV_8UC4)");
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new InputRejectedException(
          RejectReason.TOO_MANY_PIXELS,
          String.format(
              "%s: %dx%d = %d pixels, over the limit of %d",
              origin, width, height, pixels, maxPixels));
    }
    if (data.length != pixels * channels) {
      throw new InputRejectedException(
          RejectReason.CORRUPT_IMAGE,
          origin
              + ": "
              + data.length
              + " bytes of data for a "
              + width
              + "x"
              + height
              + " image with "
              + channels
              + " channels");
    }
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] target = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    int n = (int) pixels;
    if (channels == 1) {
      for (int i = 0; i < n; i++) {
        int v = data[i] & 0xff;
        target[i] = (v << 16) | (v << 8) | v;
      }
    } else {
      for (int i = 0, o = 0; i < n; i++, o += channels) {
        int b = data[o] & 0xff;
        int g = data[o + 1] & 0xff;
        int r = data[o + 2] & 0xff;
        target[i] = (r << 16) | (g << 8) | b;
      }
    }
    return rgb;
  }
}
