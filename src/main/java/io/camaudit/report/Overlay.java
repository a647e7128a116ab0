package io.camaudit.report;

import io.camaudit.data.ImagePreprocessor;
import io.camaudit.image.Box;
import io.camaudit.image.CamOverlay;
import io.camaudit.image.ColourMap;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import io.camaudit.image.MetricsGrid;
import io.camaudit.image.Png;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws one gallery thumbnail: the image with its heatmap blended on top ({@link CamOverlay}, as
 * the audit's {@code overlay_png}), the ground-truth boxes of the target class and the CAM box. The
 * thumbnail is the image's {@link MetricsGrid} capped at {@link #MAX_SIDE}, the map sampled on it
 * with {@link MapSurface}, so the overlay lines up with the image exactly as the audit's
 * measurements do and, at the default {@code --metrics-grid}, is drawn as the stored overlay is.
 */
public final class Overlay {

  /**
   * Longest side of a thumbnail, pixels. Images are never enlarged: the page scales small
   * thumbnails up, which keeps it small.
   */
  public static final int MAX_SIDE = 256;

  /** Ground-truth box colour. */
  static final Color TRUTH = new Color(0x22, 0xdd, 0x44);

  /** CAM box colour. */
  static final Color CAM = new Color(0xff, 0xff, 0xff);

  /** The canvas of an image that could not be read. */
  static final Color GREY = new Color(0x80, 0x80, 0x80);

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

  /** The thumbnail's pixel grid for an image of {@code width x height}. */
  public static MetricsGrid thumbnail(int width, int height) {
    return MetricsGrid.of(width, height, MAX_SIDE);
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
   * @param colours the heatmap's colour map
   */
  public static byte[] png(
      BufferedImage image,
      int imageWidth,
      int imageHeight,
      FloatMap map,
      CropWindow window,
      List<Box> truth,
      Box camBox,
      ColourMap colours) {
    MetricsGrid grid = thumbnail(imageWidth, imageHeight);
    int tw = grid.width();
    int th = grid.height();
    double sx = (double) tw / imageWidth;
    double sy = (double) th / imageHeight;
    MapSurface surface = new MapSurface(map, window);
    BufferedImage out =
        CamOverlay.render(
            image != null ? ImagePreprocessor.thumbnail(image, tw, th) : grey(tw, th),
            surface.sample(grid),
            surface.peak().value(),
            colours);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
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
    return Png.encode(out);
  }

  private static BufferedImage grey(int width, int height) {
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setColor(GREY);
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return canvas;
  }

  private static void drawBox(Graphics2D g, Box box, double sx, double sy) {
    int x0 = (int) Math.round(box.x0() * sx);
    int y0 = (int) Math.round(box.y0() * sy);
    int x1 = (int) Math.round(box.x1() * sx);
    int y1 = (int) Math.round(box.y1() * sy);
    g.drawRect(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
  }
}
