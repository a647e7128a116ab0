package io.camaudit.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Draws a heatmap over its image as pytorch-grad-cam's {@code show_cam_on_image(img, mask,
 * use_rgb=True, colormap, image_weight=0.5)} does, on a picture of the image and the map's values
 * on the same pixel grid. With {@code w = }{@link #IMAGE_WEIGHT}, per pixel and channel:
 *
 * <ol>
 *   <li>{@code level = floor(255 × clamp(v / scale, 0, 1))} ({@code np.uint8(255 * mask)}; 0 when
 *       {@code scale} is not positive), and {@code heat = colour(level) / 255}, with {@code colour}
 *       the {@link ColourMap}'s RGB;
 *   <li>{@code blend = (1 - w) × heat + w × img}, with {@code img} the picture's channel {@code /
 *       255};
 *   <li>{@code out = floor(255 × blend / max)}, {@code max} the largest {@code blend} over every
 *       pixel and channel, so the brightest channel of the picture is 255.
 * </ol>
 *
 * Arithmetic is in single precision, as numpy's on {@code float32}. One departure: the mask is
 * {@code v / scale}, the map over its maximum, where pytorch-grad-cam's maps arrive min-max
 * normalised; the two agree for maps whose minimum is 0.
 */
public final class CamOverlay {

  /** The image's weight in the blend, {@code show_cam_on_image}'s default {@code image_weight}. */
  public static final float IMAGE_WEIGHT = 0.5f;

  private CamOverlay() {}

  /**
   * The overlay as a new packed-RGB picture.
   *
   * @param rgb the image, as large as {@code map}
   * @param map the heatmap's values on the picture's pixels, row-major
   * @param scale the value drawn with the colour map's last colour (the map's maximum)
   * @param colours the colour map
   * @throws IllegalArgumentException when the picture and the map differ in size
   */
  public static BufferedImage render(
      BufferedImage rgb, FloatMap map, float scale, ColourMap colours) {
    int width = rgb.getWidth();
    int height = rgb.getHeight();
    if (map.width() != width || map.height() != height) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid overlay: a %dx%d map on a %dx%d picture (expected the same size)",
              map.width(), map.height(), width, height));
    }
    int[] table = colours.colours();
    int[] image = rgb.getRGB(0, 0, width, height, null, 0, width);
    float[] values = map.values();
    float[] blend = new float[3 * image.length];
    float max = 0f;
    for (int i = 0; i < image.length; i++) {
      int heat = table[level(values[i], scale)];
      for (int c = 0; c < 3; c++) {
        int shift = 16 - 8 * c;
        float b =
            (1 - IMAGE_WEIGHT) * (((heat >> shift) & 0xff) / 255f)
                + IMAGE_WEIGHT * (((image[i] >> shift) & 0xff) / 255f);
        blend[3 * i + c] = b;
        max = Math.max(max, b);
      }
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      int p = 0;
      for (int c = 0; c < 3; c++) {
        p = (p << 8) | (max > 0 ? (int) (255f * (blend[3 * i + c] / max)) : 0);
      }
      pixels[i] = p;
    }
    return out;
  }

  /** The colour map level of {@code value}: {@code floor(255 × clamp(value / scale, 0, 1))}. */
  static int level(float value, float scale) {
    if (!(scale > 0) || !(value > 0)) {
      return 0;
    }
    return (int) (255f * Math.min(1f, value / scale));
  }
}
