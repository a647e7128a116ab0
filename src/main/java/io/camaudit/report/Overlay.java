package io.camaudit.report;

import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import io.camaudit.image.MetricsGrid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws one gallery thumbnail: the original image with its heatmap blended on top (jet colour map),
 * the ground-truth boxes of the target class and the CAM box. Maps are upsampled with {@link
 * MapSurface} straight to the thumbnail's pixel grid, so the overlay lines up with the image
 * exactly as the audit's measurements do.
 */
public final class Overlay {

  /** Longest side of a thumbnail, pixels. */
  public static final int MAX_SIDE = 256;

  /** Images are never enlarged: the page scales small thumbnails up, which keeps it small. */
  static final double MAX_UPSCALE = 1.0;

  /** Ground-truth box colour. */
  static final Color TRUTH = new Color(0x22, 0xdd, 0x44);

  /** CAM box colour. */
  static final Color CAM = new Color(0xff, 0xff, 0xff);

  private Overlay() {}

  /**
   * Where the map of an image of {@code width x height} lies in that image: the whole image, or the
   * centre crop of a model resized so its shorter side is {@code shorter}, then cropped to {@code
   * cropWidth x cropHeight} (as {@code io.camaudit.data.ImagePreprocessor} does).
   *
   * @param centerCrop null for the whole image, else {cropWidth, cropHeight, shorter}
   */
  public static CropWindow window(int width, int height, int[] centerCrop) {
    if (centerCrop == null) {
      return CropWindow.whole(width, height);
    }
    int cw = centerCrop[0];
    int ch = centerCrop[1];
    double s = (double) centerCrop[2] / Math.min(width, height);
    int rw = Math.max(cw, (int) Math.round(width * s));
    int rh = Math.max(ch, (int) Math.round(height * s));
    int left = (rw - cw) / 2;
    int top = (rh - ch) / 2;
    double sx = (double) width / rw;
    double sy = (double) height / rh;
    return new CropWindow(left * sx, top * sy, (left + cw) * sx, (top + ch) * sy, width, height);
  }

  /**
   * The thumbnail as PNG bytes.
   *
   * @param image the original image, or null when it could not be read (a grey canvas is used)
   * @param imageWidth original width (from {@code image_stats})
   * @param imageHeight original height
   * @param map the raw CAM, at map resolution
   * @param window where the map lies in the original image
   * @param truth ground-truth boxes of the target class, original pixels
   * @param camBox the CAM box, original pixels, or null
   */
  public static byte[] png(
      BufferedImage image,
      int imageWidth,
      int imageHeight,
      FloatMap map,
      CropWindow window,
      List<Box> truth,
      Box camBox) {
    double scale = Math.min(MAX_UPSCALE, (double) MAX_SIDE / Math.max(imageWidth, imageHeight));
    int tw = Math.max(1, (int) Math.round(imageWidth * scale));
    int th = Math.max(1, (int) Math.round(imageHeight * scale));
    double sx = (double) tw / imageWidth;
    double sy = (double) th / imageHeight;

    BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      if (image != null) {
        g.drawImage(image, 0, 0, tw, th, null);
      } else {
        g.setColor(new Color(0x80, 0x80, 0x80));
        g.fillRect(0, 0, tw, th);
      }
      blend(
          out,
          map,
          new CropWindow(
              window.x0() * sx, window.y0() * sy, window.x1() * sx, window.y1() * sy, tw, th));
      float stroke = Math.max(1.5f, tw / 110f);
      g.setStroke(new BasicStroke(stroke));
      g.setColor(TRUTH);
      for (Box box : truth) {
        drawBox(g, box, sx, sy);
      }
      if (camBox != null) {
        g.setColor(CAM);
        g.setStroke(
            new BasicStroke(
                stroke,
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER,
                10f,
                new float[] {3 * stroke, 2 * stroke},
                0f));
        drawBox(g, camBox, sx, sy);
      }
      if (image == null) {
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, tw / 16)));
        g.drawString("image not available", 4, th - 6);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void drawBox(Graphics2D g, Box box, double sx, double sy) {
    int x0 = (int) Math.round(box.x0() * sx);
    int y0 = (int) Math.round(box.y0() * sy);
    int x1 = (int) Math.round(box.x1() * sx);
    int y1 = (int) Math.round(box.y1() * sy);
    g.drawRect(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
  }

  /** Blends the map, normalised to its maximum, onto {@code out} with the jet colour map. */
  static void blend(BufferedImage out, FloatMap map, CropWindow window) {
    FloatMap onImage =
        new MapSurface(map, window)
            .sample(MetricsGrid.full(window.imageWidth(), window.imageHeight()));
    float max = map.max();
    if (!(max > 0)) {
      return;
    }
    float[] values = onImage.values();
    int w = out.getWidth();
    for (int i = 0; i < values.length; i++) {
      double v = Math.max(0, Math.min(1, values[i] / max));
      // Weak regions keep the photo visible; strong ones are mostly colour.
      double alpha = 0.2 + 0.45 * v;
      int rgb = out.getRGB(i % w, i / w);
      int jet = jet(v);
      out.setRGB(i % w, i / w, mix(rgb, jet, alpha));
    }
  }

  /** The jet colour map: blue (0) through cyan, yellow to red (1), as packed RGB. */
  static int jet(double v) {
    int r = channel(1.5 - Math.abs(4 * v - 3));
    int g = channel(1.5 - Math.abs(4 * v - 2));
    int b = channel(1.5 - Math.abs(4 * v - 1));
    return (r << 16) | (g << 8) | b;
  }

  private static int channel(double x) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, x)));
  }

  private static int mix(int base, int top, double alpha) {
    int r = (int) Math.round(((base >> 16) & 0xff) * (1 - alpha) + ((top >> 16) & 0xff) * alpha);
    int g = (int) Math.round(((base >> 8) & 0xff) * (1 - alpha) + ((top >> 8) & 0xff) * alpha);
    int b = (int) Math.round((base & 0xff) * (1 - alpha) + (top & 0xff) * alpha);
    return (r << 16) | (g << 8) | b;
  }
}
