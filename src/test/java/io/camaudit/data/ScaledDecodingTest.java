package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * JPEGs decoded at reduced size by DCT scaling: the scale chosen from what the preprocessing needs,
 * the image's own size kept for boxes, the model input close to exact decoding's, and truncation
 * still rejected; {@link JpegStructure} read from the markers.
 */
class ScaledDecodingTest {

  private static final Preprocessing IMAGENET = Preprocessing.imagenet();

  private final ImageDecoder reduced = new ImageDecoder(DecodeSettings.defaults());
  private final ImageDecoder exact =
      new ImageDecoder(new DecodeSettings(1 << 28, 100_000_000, true));

  @Test
  void aLargeJpegIsDecodedAtTheSmallestScaleThatSuffices() throws Exception {
    byte[] jpeg = photoLike(2000, 1500);
    DecodedImage image = reduced.decode(jpeg, IMAGENET);
    assertEquals(2000, image.width(), "the stored size, for boxes");
    assertEquals(1500, image.height());
    assertEquals(500, image.pixels().getWidth(), "1/4: 1500/8 < 256 <= 1500/4");
    assertEquals(375, image.pixels().getHeight());

    DecodedImage full = exact.decode(jpeg, IMAGENET);
    assertEquals(2000, full.pixels().getWidth(), "exact decoding keeps every pixel");
    DecodedImage small = reduced.decode(photoLike(500, 400), IMAGENET);
    assertEquals(500, small.pixels().getWidth(), "400/2 < 256: no reduction");
    DecodedImage stretch =
        reduced.decode(
            jpeg,
            new Preprocessing(
                64,
                64,
                ResizePolicy.STRETCH,
                0,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd()));
    assertEquals(250, stretch.pixels().getWidth(), "1/8 still leaves 250x188 >= 64x64");
  }

  @Test
  void theModelInputIsCloseToExactDecodings() throws Exception {
    byte[] jpeg = photoLike(3000, 2000);
    ImagePreprocessor preprocessor = new ImagePreprocessor(IMAGENET);
    float[] fromReduced = new float[IMAGENET.imageLength()];
    float[] fromExact = new float[IMAGENET.imageLength()];
    var windowReduced = preprocessor.preprocess(reduced.decode(jpeg, IMAGENET), fromReduced, 0);
    var windowExact = preprocessor.preprocess(exact.decode(jpeg, IMAGENET), fromExact, 0);
    assertEquals(windowExact.imageWidth(), windowReduced.imageWidth());
    assertEquals(
        windowExact.x0(),
        windowReduced.x0(),
        3000.0 / 1500 / 2,
        "the same crop of the image, within half a decoded pixel");
    double sum = 0;
    double max = 0;
    for (int i = 0; i < fromExact.length; i++) {
      double d = Math.abs(fromReduced[i] - fromExact[i]);
      sum += d;
      max = Math.max(max, d);
    }
    double mean = sum / fromExact.length;
    assertTrue(mean < 0.05, "mean |difference| of the normalised input " + mean);
    assertTrue(max < 0.6, "max |difference| of the normalised input " + max);
  }

  @Test
  void aTruncatedJpegIsRejectedInEitherMode() throws Exception {
    byte[] jpeg = photoLike(1200, 900);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
    for (ImageDecoder decoder : new ImageDecoder[] {reduced, exact}) {
      InputRejectedException e =
          assertThrows(InputRejectedException.class, () -> decoder.decode(cut, IMAGENET));
      assertEquals(RejectReason.CORRUPT_IMAGE, e.reason());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void jpegStructureComesFromTheMarkers() throws Exception {
    byte[] jpeg = photoLike(640, 480);
    JpegStructure structure = JpegStructure.read(jpeg);
    assertEquals(640, structure.width());
    assertEquals(480, structure.height());
    assertEquals(3, structure.components());
    assertTrue(structure.complete());
    assertTrue(structure.scalable());
    assertFalse(JpegStructure.read(Arrays.copyOf(jpeg, jpeg.length - 40)).complete());
    JpegStructure cmyk = JpegStructure.read(TestImages.cmykJpegWithoutProfile(40, 30));
    assertEquals(4, cmyk.components());
    assertFalse(cmyk.scalable(), "CMYK goes through TwelveMonkeys' colour conversion");
    assertNull(JpegStructure.read("not a jpeg".getBytes(StandardCharsets.US_ASCII)));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
    assertNull(JpegStructure.read(png.toByteArray()));
  }

  /** A JPEG with gradients, shapes and sensor-like noise (not a flat upscaled picture). */
  static byte[] photoLike(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(
        new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(220, 200, 120)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(200, 40, 30));
    g.fillOval(width / 5, height / 4, width / 3, height / 2);
    g.setColor(new Color(20, 120, 40));
    g.fillRect(width / 2, height / 3, width / 4, height / 3);
    g.dispose();
    Random random = new Random(width * 31L + height);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int noise = (int) Math.round(random.nextGaussian() * 4);
        int r = clamp(((row[x] >> 16) & 0xff) + noise);
        int gr = clamp(((row[x] >> 8) & 0xff) + noise);
        int b = clamp((row[x] & 0xff) + noise);
        row[x] = (r << 16) | (gr << 8) | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
