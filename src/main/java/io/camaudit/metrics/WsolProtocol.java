package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The box evaluation of Choe et al.'s code (clovaai/wsolevaluation at commit 96f4b88, {@code
 * inference.py} and {@code evaluation.py}), step by step and through the same library, OpenCV, so
 * that MaxBoxAcc and MaxBoxAccV2 compare with published tables:
 *
 * <ol>
 *   <li>the map is resized to the model's input size with bicubic interpolation ({@code
 *       cv2.resize(..., INTER_CUBIC)}), min-max normalised to [0, 1] (a constant map becomes 0) and
 *       cut to 8 bits ({@code (map * 255).astype(uint8)});
 *   <li>at each {@code tau} of {@code 0, 0.01, …, 0.99} the pixels {@code > int(tau × max)} form a
 *       binary map whose contours {@code cv2.findContours(RETR_TREE, CHAIN_APPROX_SIMPLE)} finds,
 *       holes included; each contour's box is its {@code boundingRect} with {@code x1 = x + w},
 *       {@code y1 = y + h}, clipped to {@code width - 1}, {@code height - 1}; without contours the
 *       box is {@code (0, 0, 0, 0)};
 *   <li>MaxBoxAcc scores the contour of largest {@code cv2.contourArea} (the first on ties),
 *       MaxBoxAccV2 every contour ({@code multi_contour_eval});
 *   <li>ground-truth boxes are mapped to the input's pixels and truncated to integers ({@code
 *       resize_bbox}), and IoU counts pixels inclusively ({@code + 1}), 0 when degenerate.
 * </ol>
 *
 * Holes are candidate boxes here because they are in the authors' evaluation; they are never
 * exported as weakly supervised boxes.
 */
public final class WsolProtocol {

  /** The step of the threshold grid ({@code cam_curve_interval}). */
  public static final double CAM_CURVE_INTERVAL = 0.01;

  private final int width;
  private final int height;

  /** The protocol for a model whose input is {@code width × height} pixels. */
  public WsolProtocol(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Invalid model input size (expected positive): " + width + "x" + height);
    }
    OpenCv.require("The wsol localisation protocol");
    this.width = width;
    this.height = height;
  }

  /** The thresholds {@code np.arange(0, 1, 0.01)}: {@code i × 0.01} for i in 0..99. */
  public static double[] taus() {
    int count = (int) Math.ceil(1 / CAM_CURVE_INTERVAL);
    double[] taus = new double[count];
    for (int i = 0; i < count; i++) {
      taus[i] = i * CAM_CURVE_INTERVAL;
    }
    return taus;
  }

  /**
   * The trace of {@code cam} (at feature resolution, over the model input) against {@code truths}
   * (in original pixels), the model input being {@code window} of the original image.
   *
   * @throws IllegalArgumentException without ground-truth boxes
   */
  public LocalisationTrace trace(FloatMap cam, List<Box> truths, CropWindow window) {
    if (truths.isEmpty()) {
      throw new IllegalArgumentException(
          "Localisation trace needs at least one ground-truth box (got none)");
    }
    List<int[]> truthBoxes = new ArrayList<>();
    for (Box truth : truths) {
      truthBoxes.add(inputBox(truth, window));
    }
    byte[] levels = levels(cam);
    int max = 0;
    for (byte level : levels) {
      max = Math.max(max, level & 0xFF);
    }
    Mat scoremap = new Mat(height, width, CvType.CV_8UC1);
    scoremap.put(0, 0, levels);
    double[] taus = taus();
    double[] largest = new double[taus.length];
    double[] any = new double[taus.length];
    Mat binary = new Mat();
    for (int t = 0; t < taus.length; t++) {
      // cv2.threshold(THRESH_BINARY) on 8 bits: 255 where the level is > int(tau * max).
      Imgproc.threshold(scoremap, binary, (int) (taus[t] * max), 255, Imgproc.THRESH_BINARY);
      List<MatOfPoint> contours = new ArrayList<>();
      Mat hierarchy = new Mat();
      Imgproc.findContours(
          binary, contours, hierarchy, Imgproc.RETR_TREE, Imgproc.CHAIN_APPROX_SIMPLE);
      hierarchy.release();
      if (contours.isEmpty()) {
        largest[t] = bestIou(new int[] {0, 0, 0, 0}, truthBoxes);
        any[t] = largest[t];
        continue;
      }
      double largestArea = -1;
      for (MatOfPoint contour : contours) {
        double iou = bestIou(box(contour), truthBoxes);
        any[t] = Math.max(any[t], iou);
        double area = Imgproc.contourArea(contour);
        if (area > largestArea) {
          largestArea = area;
          largest[t] = iou;
        }
        contour.release();
      }
    }
    binary.release();
    scoremap.release();
    return new LocalisationTrace(largest, any);
  }

  /**
   * The map resized, min-max normalised and cut to 8 bits, row-major; in double precision, as the
   * authors' code, which turns maps into float64 ({@code t2n}) before resizing.
   */
  private byte[] levels(FloatMap cam) {
    float[] values = cam.values();
    double[] source = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      source[i] = values[i];
    }
    Mat sourceMat = new Mat(cam.height(), cam.width(), CvType.CV_64FC1);
    sourceMat.put(0, 0, source);
    Mat resized = new Mat();
    Imgproc.resize(sourceMat, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
    double[] map = new double[width * height];
    resized.get(0, 0, map);
    sourceMat.release();
    resized.release();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean nan = false;
    for (double v : map) {
      nan |= Double.isNaN(v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    byte[] levels = new byte[map.length];
    if (nan || min == max) {
      return levels;
    }
    // normalize_scoremap: cam -= cam.min(); cam /= cam.max(); then (cam * 255).astype(uint8).
    double shiftedMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < map.length; i++) {
      map[i] -= min;
      shiftedMax = Math.max(shiftedMax, map[i]);
    }
    for (int i = 0; i < map.length; i++) {
      levels[i] = (byte) (int) ((map[i] / shiftedMax) * 255);
    }
    return levels;
  }

  private int[] box(MatOfPoint contour) {
    Rect r = Imgproc.boundingRect(contour);
    return new int[] {
      r.x, r.y, Math.min(r.x + r.width, width - 1), Math.min(r.y + r.height, height - 1)
    };
  }

  /** {@code resize_bbox}: the box in the model input's pixels, each edge truncated. */
  private int[] inputBox(Box box, CropWindow window) {
    double windowWidth = window.x1() - window.x0();
    double windowHeight = window.y1() - window.y0();
    return new int[] {
      (int) ((box.x0() - window.x0()) * width / windowWidth),
      (int) ((box.y0() - window.y0()) * height / windowHeight),
      (int) ((box.x1() - window.x0()) * width / windowWidth),
      (int) ((box.y1() - window.y0()) * height / windowHeight)
    };
  }

  /** The best inclusive-pixel IoU of {@code box} with any of {@code truths}. */
  private static double bestIou(int[] box, List<int[]> truths) {
    double best = 0;
    for (int[] truth : truths) {
      best = Math.max(best, iou(box, truth));
    }
    return best;
  }

  /** {@code calculate_multiple_iou} for one pair. */
  static double iou(int[] a, int[] b) {
    long intersection =
        (long) Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1)
            * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1);
    long areaA = (long) (a[2] - a[0] + 1) * (a[3] - a[1] + 1);
    long areaB = (long) (b[2] - b[0] + 1) * (b[3] - b[1] + 1);
    long denominator = areaA + areaB - intersection;
    return denominator <= 0 ? 0 : (double) intersection / denominator;
  }
}
