package io.camaudit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camaudit.image.CropWindow;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

  private static final Preprocessing UNIT =
      new Preprocessing(
          4, 4, ResizePolicy.STRETCH, 0, new float[] {0, 0, 0}, new float[] {1, 1, 1});

  @Test
  void greyLevelsAreKeptAsStoredNotColourConverted() {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(1, 2, 0, 128);
    float[] out = new float[UNIT.imageLength()];
    new ImagePreprocessor(UNIT).preprocess(DecodedImage.of(grey), out, 0);
    for (int c = 0; c < 3; c++) {
      assertEquals(128 / 255f, out[c * 16 + 2 * 4 + 1], 1e-6f, "channel " + c);
    }
  }

  @Test
  void sixteenBitGreyIsScaledToEightBits() {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSample(0, 0, 0, 0xABCD);
    float[] out = new float[UNIT.imageLength()];
    new ImagePreprocessor(UNIT).preprocess(DecodedImage.of(grey), out, 0);
    assertEquals(0xAB / 255f, out[0], 1e-6f);
  }

  @Test
  void alphaIsDroppedAndNormalisationApplied() {
    Preprocessing imagenet =
        new Preprocessing(
            2,
            2,
            ResizePolicy.STRETCH,
            0,
            Preprocessing.imagenetMean(),
            Preprocessing.imagenetStd());
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x10FF8000);
    float[] out = new float[imagenet.imageLength()];
    new ImagePreprocessor(imagenet).preprocess(DecodedImage.of(argb), out, 0);
    assertEquals((1f - 0.485f) / 0.229f, out[0], 1e-5f);
    assertEquals((128 / 255f - 0.456f) / 0.224f, out[4], 1e-5f);
    assertEquals((0f - 0.406f) / 0.225f, out[8], 1e-5f);
  }

  @Test
  void centreCropReportsTheWindowItCovers() {
    Preprocessing crop =
        new Preprocessing(
            4, 4, ResizePolicy.CENTER_CROP, 4, new float[] {0, 0, 0}, new float[] {1, 1, 1});
    CropWindow window =
        new ImagePreprocessor(crop)
            .preprocess(
                DecodedImage.of(new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB)),
                new float[48],
                0);
    // Shorter side 8 -> 4 (scale 0.5): 8x4, centre 4x4 at x 2..6 of the resized = 4..12 here.
    assertEquals(new CropWindow(4, 0, 12, 8, 16, 8), window);
  }

  @Test
  void interleavedBgrIsPreprocessedExactlyAsItsPackedRgbCopy() {
    BufferedImage rgb = noise(640, 480, 5);
    BufferedImage bgr = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(rgb, 0, 0, null);
    for (Preprocessing spec :
        List.of(
            Preprocessing.imagenet(),
            new Preprocessing(
                120,
                100,
                ResizePolicy.STRETCH,
                0,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd()),
            new Preprocessing(
                640,
                480,
                ResizePolicy.STRETCH,
                0,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd()))) {
      ImagePreprocessor preprocessor = new ImagePreprocessor(spec);
      float[] fromRgb = new float[spec.imageLength()];
      float[] fromBgr = new float[spec.imageLength()];
      CropWindow rgbWindow = preprocessor.preprocess(DecodedImage.of(rgb), fromRgb, 0);
      CropWindow bgrWindow = preprocessor.preprocess(DecodedImage.of(bgr), fromBgr, 0);
      assertArrayEquals(fromRgb, fromBgr, 0f, spec.toString());
      assertEquals(rgbWindow, bgrWindow);
    }
  }

  @Test
  void resizingOnlyTheWindowGivesTheWindowOfTheWholeResize() {
    BufferedImage image = noise(640, 480, 3);
    for (int[] size : new int[][] {{341, 256}, {160, 120}, {300, 300}}) {
      BufferedImage whole = ImagePreprocessor.resize(image, size[0], size[1]);
      int left = (size[0] - 100) / 2;
      int top = (size[1] - 80) / 2;
      BufferedImage window =
          ImagePreprocessor.resizeWindow(
              image, size[0], size[1], new Rectangle(left, top, 100, 80));
      for (int y = 0; y < 80; y++) {
        for (int x = 0; x < 100; x++) {
          assertEquals(
              whole.getRGB(left + x, top + y),
              window.getRGB(x, y),
              "pixel " + x + "," + y + " of " + size[0] + "x" + size[1]);
        }
      }
    }
  }

  private static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }
}
