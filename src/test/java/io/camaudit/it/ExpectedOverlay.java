package io.camaudit.it;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A heatmap drawn over its image as docs/report.md and docs/outputs.md describe the report's
 * overlays, written here apart from the report's code so that a test can tell whether a tile shows
 * the right image's map at the right place: the map covers {@code window} of the image and is
 * interpolated bilinearly with half-pixel centres (0 outside the window), coloured as
 * pytorch-grad-cam's {@code show_cam_on_image} colours it (OpenCV's {@code applyColorMap} of {@code
 * uint8(255 * map / max)}), blended half and half with the image, then brightened so that the
 * brightest channel is 255. It is sampled directly at the pixels of the tile's screenshot.
 *
 * @param image the image, or null when the tile should show the map on {@link #GREY}
 * @param imageWidth the image's width, pixels
 * @param imageHeight its height
 * @param cam the map, row-major
 * @param mapWidth its columns
 * @param mapHeight its rows
 * @param window where the map lies in the image, image pixels: {x0, y0, x1, y1}
 * @param colourMap OpenCV's code of the colour map ({@code Imgproc.COLORMAP_*})
 */
record ExpectedOverlay(
    BufferedImage image,
    int imageWidth,
    int imageHeight,
    float[] cam,
    int mapWidth,
    int mapHeight,
    double[] window,
    int colourMap) {

  static {
    nu.pattern.OpenCV.loadLocally();
  }

  /** The canvas of an image that could not be read. */
  static final int GREY = 0x808080;

  /** Where the map of a model that sees the whole image ({@code stretch}) lies. */
  static double[] whole(int imageWidth, int imageHeight) {
    return new double[] {0, 0, imageWidth, imageHeight};
  }

  /**
   * Where the map of a {@code center-crop} model lies (docs/models.md): the image resized so that
   * its shorter side is {@code shorter}, then {@code cropWidth x cropHeight} cut out of the centre.
   */
  static double[] centreCrop(
      int imageWidth, int imageHeight, int cropWidth, int cropHeight, int shorter) {
    double scale = (double) shorter / Math.min(imageWidth, imageHeight);
    double x0 = (imageWidth - cropWidth / scale) / 2;
    double y0 = (imageHeight - cropHeight / scale) / 2;
    return new double[] {x0, y0, x0 + cropWidth / scale, y0 + cropHeight / scale};
  }

  /**
   * The mean absolute difference, in levels per RGB channel, between a tile's screenshot and this
   * overlay drawn where the page laid the tile out, leaving out the pixels near the outlines of
   * {@code boxes} (ground-truth and CAM boxes, drawn over the overlay).
   *
   * @param shot the screenshot, whose pixel (0, 0) is the page's pixel (floor(x), floor(y))
   * @param x the tile picture's left edge on the page, CSS pixels
   * @param y its top edge
   * @param width its width
   * @param height its height
   * @param boxes {x0, y0, x1, y1} per box, image pixels
   */
  double differenceFrom(
      BufferedImage shot, double x, double y, double width, double height, List<double[]> boxes) {
    double sx = width / imageWidth;
    double sy = height / imageHeight;
    double band = (1.5 * Math.max(sx, sy) + 1) / sx;
    List<int[]> pixels = new ArrayList<>();
    for (int j = 0; j < shot.getHeight(); j++) {
      double v = (Math.floor(y) + j + 0.5 - y) / sy;
      for (int i = 0; i < shot.getWidth(); i++) {
        double u = (Math.floor(x) + i + 0.5 - x) / sx;
        if (u >= 0
            && u < imageWidth
            && v >= 0
            && v < imageHeight
            && boxes.stream().noneMatch(b -> nearOutline(b, u, v, band))) {
          pixels.add(new int[] {i, j});
        }
      }
    }
    double[] us = new double[pixels.size()];
    double[] vs = new double[pixels.size()];
    for (int k = 0; k < us.length; k++) {
      us[k] = (Math.floor(x) + pixels.get(k)[0] + 0.5 - x) / sx;
      vs[k] = (Math.floor(y) + pixels.get(k)[1] + 0.5 - y) / sy;
    }
    double[] expected = blend(us, vs);
    double brightest = brightest();
    double sum = 0;
    for (int k = 0; k < us.length; k++) {
      int p = shot.getRGB(pixels.get(k)[0], pixels.get(k)[1]);
      for (int c = 0; c < 3; c++) {
        sum += Math.abs((int) (255 * expected[3 * k + c] / brightest) - channel(p, 16 - 8 * c));
      }
    }
    return sum / (3.0 * us.length);
  }

  /**
   * The largest channel of the blend over the thumbnail's pixels (the image's, its longest side
   * capped at 256), which the overlay is brightened by.
   */
  private double brightest() {
    double cap = Math.min(1, 256.0 / Math.max(imageWidth, imageHeight));
    int gw = (int) Math.round(imageWidth * cap);
    int gh = (int) Math.round(imageHeight * cap);
    double[] us = new double[gw * gh];
    double[] vs = new double[gw * gh];
    for (int row = 0; row < gh; row++) {
      for (int column = 0; column < gw; column++) {
        us[row * gw + column] = (column + 0.5) * imageWidth / gw;
        vs[row * gw + column] = (row + 0.5) * imageHeight / gh;
      }
    }
    return Arrays.stream(blend(us, vs)).max().orElseThrow();
  }

  /**
   * The half-and-half blend of colour map and image at image positions (us[k], vs[k]), RGB per
   * position in 0..1, before brightening. The colour map's level 255 is the map's largest value at
   * the image's pixel centres.
   */
  private double[] blend(double[] us, double[] vs) {
    double max = 0;
    for (int y = 0; y < imageHeight; y++) {
      for (int x = 0; x < imageWidth; x++) {
        max = Math.max(max, mapAt(x + 0.5, y + 0.5));
      }
    }
    byte[] levels = new byte[us.length];
    for (int k = 0; k < us.length; k++) {
      levels[k] = (byte) (max > 0 ? (int) (255 * Math.min(1, mapAt(us[k], vs[k]) / max)) : 0);
    }
    byte[] bgr = applyColourMap(levels);
    double[] rgb = new double[3 * us.length];
    for (int k = 0; k < us.length; k++) {
      int pixel = image == null ? GREY : bilinear(image, us[k] - 0.5, vs[k] - 0.5);
      for (int c = 0; c < 3; c++) {
        rgb[3 * k + c] =
            0.5 * (bgr[3 * k + 2 - c] & 0xff) / 255.0 + 0.5 * channel(pixel, 16 - 8 * c) / 255.0;
      }
    }
    return rgb;
  }

  /** Whether image position (u, v) lies within {@code band} of the outline of {@code box}. */
  private static boolean nearOutline(double[] box, double u, double v, double band) {
    boolean inX = u > box[0] - band && u < box[2] + band;
    boolean inY = v > box[1] - band && v < box[3] + band;
    boolean nearX = Math.abs(u - box[0]) < band || Math.abs(u - box[2]) < band;
    boolean nearY = Math.abs(v - box[1]) < band || Math.abs(v - box[3]) < band;
    return (nearX && inY) || (nearY && inX);
  }

  /** The map's picture at image position (u, v). */
  private double mapAt(double u, double v) {
    if (u < window[0] || u >= window[2] || v < window[1] || v >= window[3]) {
      return 0;
    }
    double mx = (u - window[0]) / (window[2] - window[0]) * mapWidth - 0.5;
    double my = (v - window[1]) / (window[3] - window[1]) * mapHeight - 0.5;
    mx = Math.max(0, Math.min(mapWidth - 1, mx));
    my = Math.max(0, Math.min(mapHeight - 1, my));
    int c0 = (int) mx;
    int r0 = (int) my;
    int c1 = Math.min(c0 + 1, mapWidth - 1);
    int r1 = Math.min(r0 + 1, mapHeight - 1);
    double fx = mx - c0;
    double fy = my - r0;
    double top = cam[r0 * mapWidth + c0] * (1 - fx) + cam[r0 * mapWidth + c1] * fx;
    double bottom = cam[r1 * mapWidth + c0] * (1 - fx) + cam[r1 * mapWidth + c1] * fx;
    return top * (1 - fy) + bottom * fy;
  }

  /** The image's colour at (x, y), pixel centres at integers, interpolated bilinearly. */
  private static int bilinear(BufferedImage image, double x, double y) {
    x = Math.max(0, Math.min(image.getWidth() - 1, x));
    y = Math.max(0, Math.min(image.getHeight() - 1, y));
    int x0 = (int) x;
    int y0 = (int) y;
    int x1 = Math.min(x0 + 1, image.getWidth() - 1);
    int y1 = Math.min(y0 + 1, image.getHeight() - 1);
    double fx = x - x0;
    double fy = y - y0;
    int[] corners = {
      image.getRGB(x0, y0), image.getRGB(x1, y0), image.getRGB(x0, y1), image.getRGB(x1, y1)
    };
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double top = channel(corners[0], shift) * (1 - fx) + channel(corners[1], shift) * fx;
      double bottom = channel(corners[2], shift) * (1 - fx) + channel(corners[3], shift) * fx;
      out = (out << 8) | (int) Math.round(top * (1 - fy) + bottom * fy);
    }
    return out;
  }

  private static int channel(int rgb, int shift) {
    return (rgb >> shift) & 0xff;
  }

  /** OpenCV's colours of {@code levels}, BGR per level. */
  private byte[] applyColourMap(byte[] levels) {
    Mat in = new Mat(1, levels.length, CvType.CV_8UC1);
    Mat out = new Mat();
    try {
      in.put(0, 0, levels);
      Imgproc.applyColorMap(in, out, colourMap);
      byte[] bgr = new byte[3 * levels.length];
      out.get(0, 0, bgr);
      return bgr;
    } finally {
      in.release();
      out.release();
    }
  }
}
