package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Overlays against pytorch-grad-cam's {@code show_cam_on_image(img / 255, mask, use_rgb=True,
 * colormap)}, computed with its formula through OpenCV 4.6 in Python (Debian's python3-opencv), and
 * against values worked out by hand.
 */
class CamOverlayTest {

  /** Black, white, grey, red, green, blue and two mixed colours, 4 x 2. */
  private static final int[] PICTURE = {
    0x000000, 0xffffff, 0x808080, 0xff0000, 0x00ff00, 0x0000ff, 0x336699, 0xc8a064
  };

  /** One hot cell (4, on the green pixel) among smaller values; drawn with scale 4. */
  private static final FloatMap MAP =
      new FloatMap(2, 4, new float[] {0, 0.5f, 1, 2, 4, 3, 0.25f, 1.5f});

  @Test
  void colourTablesAreOpenCvsInRgbOrder() {
    // Turbo's and viridis's published end colours: (0.190, 0.072, 0.232) to (0.480, 0.016, 0.011);
    // (0.267, 0.005, 0.329) to (0.993, 0.906, 0.144).
    assertEquals(0x30123b, ColourMap.TURBO.colours()[0]);
    assertEquals(0x7a0403, ColourMap.TURBO.colours()[255]);
    assertEquals(0x440154, ColourMap.VIRIDIS.colours()[0]);
    assertEquals(0xfde725, ColourMap.VIRIDIS.colours()[255]);
  }

  @Test
  void turboMatchesShowCamOnImage() {
    assertArrayEquals(
        new int[] {0x19091f, 0xadbfff, 0x5aa6c2, 0xdd8620, 0x408901, 0x854499, 0x3c57a4, 0x83d587},
        pixels(CamOverlay.render(picture(PICTURE), MAP, 4f, ColourMap.TURBO)));
  }

  @Test
  void viridisMatchesShowCamOnImage() {
    assertArrayEquals(
        new int[] {0x23002c, 0xab9cc5, 0x626d8c, 0x974b49, 0x84ff13, 0x3068b9, 0x404187, 0x808f7e},
        pixels(CamOverlay.render(picture(PICTURE), MAP, 4f, ColourMap.VIRIDIS)));
  }

  @Test
  void onBlackTheHotCellIsTheTopColourBrightenedToFullScale() {
    // blend = top / 2 = (122, 4, 3) / 510 is the brightest (cold cells: (48, 18, 59) / 510);
    // out = floor(255 × blend / (122 / 510)) = (255, 8, 6).
    FloatMap hot = new FloatMap(2, 2, new float[] {0, 0, 7, 0});
    BufferedImage black = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    int[] out = pixels(CamOverlay.render(black, hot, 7f, ColourMap.TURBO));
    assertEquals(0xff0806, out[2]);
    assertEquals((100 << 16) | (37 << 8) | 123, out[0], "cold: (48, 18, 59) x 255 / 122");
  }

  @Test
  void aZeroMapOrScaleBlendsTheImageWithTheBottomColour() {
    int[] turbo = {0x260e2f, 0xf6ddff, 0x8e7697, 0xf60e2f, 0x26dd2f, 0x260eff, 0x5061ac, 0xc99081};
    FloatMap zero = new FloatMap(2, 4, new float[8]);
    assertArrayEquals(
        turbo, pixels(CamOverlay.render(picture(PICTURE), zero, 0f, ColourMap.TURBO)));
    assertArrayEquals(turbo, pixels(CamOverlay.render(picture(PICTURE), MAP, 0f, ColourMap.TURBO)));
  }

  @Test
  void theMapMustLieOnThePicturesPixels() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CamOverlay.render(
                    new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), MAP, 4f, ColourMap.TURBO));
    assertEquals(
        "Invalid overlay: a 4x2 map on a 3x2 picture (expected the same size)", e.getMessage());
  }

  @Test
  void colourMapsAreNamedInAnyCase() {
    assertEquals(ColourMap.VIRIDIS, ColourMap.parse(" Viridis "));
    assertEquals(ColourMap.TURBO, ColourMap.DEFAULT);
    assertThrows(IllegalArgumentException.class, () -> ColourMap.parse("jet"));
  }

  private static BufferedImage picture(int[] rgb) {
    BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 4, 2, rgb, 0, 4);
    return image;
  }

  private static int[] pixels(BufferedImage image) {
    int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xffffff;
    }
    return rgb;
  }
}
