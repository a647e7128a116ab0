package io.camaudit.data;

import io.camaudit.image.CropWindow;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns a decoded image of any size and colour model into a model input: RGB, resized by the
 * model's {@link Preprocessing}, scaled to {@code [0, 1]} and normalised, written channel-major
 * ({@code [3, H, W]}) into a caller's buffer so that batches can reuse one array.
 *
 * <p>Grey images are replicated to three channels (their stored levels, not a colour-managed
 * conversion); alpha is dropped, as PIL's {@code convert("RGB")} does. Downscaling by more than 2×
 * halves the image step by step with bilinear filtering before the last step, which avoids the
 * aliasing of a single bilinear step.
 */
public final class ImagePreprocessor {

  private final Preprocessing spec;
  private final float[] scale = new float[3];
  private final float[] shift = new float[3];

  /** A preprocessor for {@code spec}. */
  public ImagePreprocessor(Preprocessing spec) {
    this.spec = spec;
    float[] mean = spec.mean();
    float[] std = spec.std();
    for (int c = 0; c < 3; c++) {
      scale[c] = 1f / (255f * std[c]);
      shift[c] = -mean[c] / std[c];
    }
  }

  /** The preprocessing applied. */
  public Preprocessing spec() {
    return spec;
  }

  /**
   * Writes {@code decoded}'s model input into {@code target} from {@code offset}. The decoded
   * pixels may be the image reduced (DCT-scaled decoding): they are resized, the window is in the
   * image's own coordinates.
   *
   * @return the region of the image that the input covers, in the image's pixels
   */
  public CropWindow preprocess(DecodedImage decoded, float[] target, int offset) {
    BufferedImage image = decoded.pixels();
    int w = image.getWidth();
    int h = image.getHeight();
    CropWindow window;
    BufferedImage input;
    if (spec.resize() == ResizePolicy.STRETCH) {
      window = CropWindow.whole(decoded.width(), decoded.height());
      input = resize(drawable(image), spec.width(), spec.height());
    } else {
      double s = (double) spec.resizeShorter() / Math.min(w, h);
      int rw = Math.max(spec.width(), (int) Math.round(w * s));
      int rh = Math.max(spec.height(), (int) Math.round(h * s));
      int left = (rw - spec.width()) / 2;
      int top = (rh - spec.height()) / 2;
      input =
          resizeWindow(
              drawable(image), rw, rh, new Rectangle(left, top, spec.width(), spec.height()));
      double sx = (double) decoded.width() / rw;
      double sy = (double) decoded.height() / rh;
      window =
          new CropWindow(
              left * sx,
              top * sy,
              (left + spec.width()) * sx,
              (top + spec.height()) * sy,
              decoded.width(),
              decoded.height());
    }
    writeNormalised(input, target, offset);
    return window;
  }

  private void writeNormalised(BufferedImage rgb, float[] target, int offset) {
    int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    int plane = spec.width() * spec.height();
    for (int i = 0; i < plane; i++) {
      int p = pixels[i];
      target[offset + i] = ((p >> 16) & 0xff) * scale[0] + shift[0];
      target[offset + plane + i] = ((p >> 8) & 0xff) * scale[1] + shift[1];
      target[offset + 2 * plane + i] = (p & 0xff) * scale[2] + shift[2];
    }
  }

  /**
   * {@code image} itself when Java 2D draws it exactly as its 8-bit sRGB samples (packed RGB, or
   * the interleaved BGR bytes of Image I/O's and the DCT-scaled JPEG decoders: no copy of a whole
   * photograph before the resize, which reads only the pixels it needs); otherwise its {@link
   * #toRgb} copy.
   */
  static BufferedImage drawable(BufferedImage image) {
    int type = image.getType();
    return type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR
        ? image
        : toRgb(image);
  }

  /**
   * A packed-RGB copy (or {@code image} itself when it already is a whole packed-RGB image). Grey
   * images keep their stored values (8 or 16 bits, scaled to 8), replicated to three channels;
   * colour images go through their colour model, so CMYK and 16-bit RGB come out as sRGB.
   */
  static BufferedImage toRgb(BufferedImage image) {
    if (isWholePackedRgb(image)) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] target = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    int[] row = new int[w];
    boolean grey = image.getColorModel().getNumColorComponents() == 1;
    int bits = image.getColorModel().getComponentSize(0);
    for (int y = 0; y < h; y++) {
      if (grey) {
        // Stored grey levels as they are: Java's grey colour space is linear, and converting
        // through it (getRGB) would brighten every mid-tone.
        image.getRaster().getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int v = toByte(row[x], bits);
          row[x] = (v << 16) | (v << 8) | v;
        }
      } else {
        image.getRGB(0, y, w, 1, row, 0, w);
      }
      System.arraycopy(row, 0, target, y * w, w);
    }
    return rgb;
  }

  /** Whether {@code image} is packed RGB whose buffer holds exactly its pixels, row by row. */
  private static boolean isWholePackedRgb(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_INT_RGB
        && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight();
  }

  private static int toByte(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    return bits > 8 ? sample >>> (bits - 8) : sample * 255 / ((1 << bits) - 1);
  }

  /**
   * A packed-RGB picture of {@code image} at {@code width × height}, converted and resized as model
   * inputs are: the picture heatmap overlays are drawn on.
   */
  public static BufferedImage thumbnail(BufferedImage image, int width, int height) {
    return resize(drawable(image), width, height);
  }

  /**
   * Bilinear resize of a {@link #drawable} image to packed RGB, halving first while shrinking by
   * more than 2×.
   */
  static BufferedImage resize(BufferedImage image, int width, int height) {
    return resizeWindow(image, width, height, new Rectangle(width, height));
  }

  /**
   * The {@code window} of a {@link #drawable} image resized to {@code width × height}, as packed
   * RGB (bilinear, halving first while shrinking by more than 2×), without computing the pixels
   * outside the window.
   */
  static BufferedImage resizeWindow(BufferedImage image, int width, int height, Rectangle window) {
    BufferedImage current = image;
    while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
      int halfWidth = current.getWidth() / 2;
      int halfHeight = current.getHeight() / 2;
      current = draw(current, halfWidth, halfHeight, new Rectangle(halfWidth, halfHeight));
    }
    if (isWholePackedRgb(current)
        && current.getWidth() == width
        && current.getHeight() == height
        && window.equals(new Rectangle(width, height))) {
      return current;
    }
    return draw(current, width, height, window);
  }

  /** Draws the {@code window} of {@code source} scaled to {@code width × height}. */
  private static BufferedImage draw(BufferedImage source, int width, int height, Rectangle window) {
    BufferedImage target =
        new BufferedImage(window.width, window.height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.translate(-window.x, -window.y);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
