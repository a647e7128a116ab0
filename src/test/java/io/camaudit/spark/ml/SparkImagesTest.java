package io.camaudit.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import java.awt.image.BufferedImage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Rows of Spark's image source as images: OpenCV channel order, grey, alpha, broken rows. */
class SparkImagesTest {

  private static Row image(int height, int width, int channels, int mode, byte[] data) {
    return new GenericRowWithSchema(
        new Object[] {"file:/x.png", height, width, channels, mode, data}, SparkImages.SCHEMA);
  }

  @Test
  void bgrBytesBecomeRgbPixels() throws InputRejectedException {
    // 2x1: a red pixel then a blue one, stored B, G, R
    BufferedImage rgb =
        SparkImages.toImage(
            image(1, 2, 3, SparkImages.CV_8UC3, new byte[] {0, 0, (byte) 255, (byte) 200, 10, 20}),
            100);
    assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
    assertEquals(0xff0000, rgb.getRGB(0, 0) & 0xffffff);
    assertEquals(0x140ac8, rgb.getRGB(1, 0) & 0xffffff);
  }

  @Test
  void alphaIsDroppedAndGreyIsReplicated() throws InputRejectedException {
    BufferedImage bgra =
        SparkImages.toImage(image(1, 1, 4, SparkImages.CV_8UC4, new byte[] {1, 2, 3, 0}), 100);
    assertEquals(0x030201, bgra.getRGB(0, 0) & 0xffffff);
    BufferedImage grey =
        SparkImages.toImage(image(2, 1, 1, SparkImages.CV_8UC1, new byte[] {(byte) 128, 7}), 100);
    assertEquals(0x808080, grey.getRGB(0, 0) & 0xffffff);
    assertEquals(0x070707, grey.getRGB(0, 1) & 0xffffff);
  }

  @Test
  void brokenRowsAreRejectedWithAReason() {
    assertEquals(
        RejectReason.CORRUPT_IMAGE,
        assertThrows(
                InputRejectedException.class,
                () -> SparkImages.toImage(image(-1, -1, -1, -1, new byte[0]), 100))
            .reason());
    assertEquals(
        RejectReason.CORRUPT_IMAGE,
        assertThrows(
                InputRejectedException.class,
                () -> SparkImages.toImage(image(2, 2, 3, SparkImages.CV_8UC3, new byte[5]), 100))
            .reason());
    assertEquals(
        RejectReason.UNSUPPORTED_FORMAT,
        assertThrows(
                InputRejectedException.class,
                () -> SparkImages.toImage(image(1, 1, 3, 21, new byte[3]), 100))
            .reason());
    assertEquals(
        RejectReason.TOO_MANY_PIXELS,
        assertThrows(
                InputRejectedException.class,
                () ->
                    SparkImages.toImage(image(20, 20, 1, SparkImages.CV_8UC1, new byte[400]), 100))
            .reason());
    assertEquals(
        RejectReason.MISSING_FIELD,
        assertThrows(InputRejectedException.class, () -> SparkImages.toImage(null, 100)).reason());
  }

  @Test
  void recognisesTheSourcesStruct() {
    assertTrue(SparkImages.isImageStruct(SparkImages.SCHEMA));
    assertFalse(SparkImages.isImageStruct(DataTypes.StringType));
    assertFalse(
        SparkImages.isImageStruct(
            new StructType()
                .add("origin", DataTypes.StringType)
                .add("data", DataTypes.BinaryType)));
  }
}
