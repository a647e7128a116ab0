package io.camaudit.image;

import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The perceptual colour maps heatmaps are drawn with, as OpenCV's {@code applyColorMap} gives them
 * (the tables pytorch-grad-cam's {@code show_cam_on_image} reads through {@code cv2}). Level 0 is
 * the map's zero, level 255 its maximum.
 *
 * <ul>
 *   <li>{@link #TURBO}: Mikhailov, "Turbo, An Improved Rainbow Colormap for Visualization", Google
 *       AI Blog, 2019: dark blue through green and yellow to dark red.
 *   <li>{@link #VIRIDIS}: van der Walt and Smith, matplotlib's default colour map (2015): dark
 *       purple through teal to yellow; perceptually uniform and readable in greyscale and by
 *       colour-blind readers.
 * </ul>
 *
 * <p>The tables come from OpenCV's natives ({@link OpenCv}), loaded on first use; where they cannot
 * be loaded {@link #colours()} throws with the reason.
 */
public enum ColourMap {
  TURBO(Imgproc.COLORMAP_TURBO),
  VIRIDIS(Imgproc.COLORMAP_VIRIDIS);

  /** The name of the colour map of heatmap overlays unless one is chosen. */
  public static final String DEFAULT_ID = "turbo";

  /** The colour map of heatmap overlays unless one is chosen. */
  public static final ColourMap DEFAULT = parse(DEFAULT_ID);

  private final int openCvCode;
  private volatile int[] colours;

  ColourMap(int openCvCode) {
    this.openCvCode = openCvCode;
  }

  /** The name on the command line and in run summaries. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The colour map named {@code value}, in any case. */
  public static ColourMap parse(String value) {
    for (ColourMap map : values()) {
      if (map.id().equalsIgnoreCase(value.trim())) {
        return map;
      }
    }
    throw new IllegalArgumentException(
        "Invalid colour map '" + value + "' (--overlay-png): expected turbo or viridis");
  }

  /**
   * The 256 colours of levels 0..255 as packed RGB ({@code 0xRRGGBB}), a copy.
   *
   * @throws IllegalStateException where OpenCV's natives cannot be loaded
   */
  public int[] colours() {
    int[] table = colours;
    if (table == null) {
      OpenCv.require("The " + id() + " colour map (--overlay-png, the report's gallery)");
      table = fromOpenCv();
      colours = table;
    }
    return table.clone();
  }

  /** {@code applyColorMap} of the levels 0..255, BGR, repacked as RGB. */
  private int[] fromOpenCv() {
    Mat levels = new Mat(1, 256, CvType.CV_8UC1);
    Mat bgr = new Mat();
    try {
      byte[] ramp = new byte[256];
      for (int i = 0; i < ramp.length; i++) {
        ramp[i] = (byte) i;
      }
      levels.put(0, 0, ramp);
      Imgproc.applyColorMap(levels, bgr, openCvCode);
      byte[] pixels = new byte[3 * 256];
      bgr.get(0, 0, pixels);
      int[] rgb = new int[256];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] =
            ((pixels[3 * i + 2] & 0xff) << 16)
                | ((pixels[3 * i + 1] & 0xff) << 8)
                | (pixels[3 * i] & 0xff);
      }
      return rgb;
    } finally {
      levels.release();
      bgr.release();
    }
  }
}
