package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;

/**
 * One image's localisation across a grid of relative thresholds {@code taus}, the per-image input
 * of {@link BoxAccuracy}. At each threshold the map's regions ({@link ThresholdRegions}) are
 * computed once and their boxes scored by IoU ({@link BoxIou}) with the image's ground-truth boxes.
 *
 * <p>The arrays are owned by the trace once constructed; callers must not change them afterwards.
 *
 * @param iouLargest per threshold, the best IoU of the largest region's box with a ground-truth
 *     box; 0 without regions
 * @param iouAny per threshold, the best IoU over all (region box, ground-truth box) pairs; 0
 *     without regions
 */
public record LocalisationTrace(double[] iouLargest, double[] iouAny) {

  /** Checks that both arrays cover the same thresholds. */
  public LocalisationTrace {
    if (iouLargest.length != iouAny.length) {
      throw new IllegalArgumentException(
          "Invalid trace (expected one IoU of each kind per threshold): "
              + iouLargest.length
              + " largest-region IoUs, "
              + iouAny.length
              + " any-region IoUs");
    }
  }

  /**
   * Traces {@code map} (at image resolution) against {@code truths}, the ground-truth boxes of the
   * target class, at each of {@code taus} (each in (0, 1]).
   *
   * @throws IllegalArgumentException without ground-truth boxes or with a threshold out of range
   */
  public static LocalisationTrace of(FloatMap map, List<Box> truths, double[] taus) {
    return of(RegionLadder.of(map, taus), truths);
  }

  /**
   * Traces the regions of {@code ladder} against {@code truths}, the ground-truth boxes of the
   * target class.
   *
   * @throws IllegalArgumentException without ground-truth boxes
   */
  public static LocalisationTrace of(RegionLadder ladder, List<Box> truths) {
    if (truths.isEmpty()) {
      throw new IllegalArgumentException(
          "Localisation trace needs at least one ground-truth box (got none)");
    }
    int size = ladder.taus().length;
    double[] largest = new double[size];
    double[] any = new double[size];
    for (int t = 0; t < size; t++) {
      List<Region> atTau = ladder.regions().get(t);
      for (int r = 0; r < atTau.size(); r++) {
        double iou = BoxIou.best(atTau.get(r).box(), truths);
        if (r == 0) {
          largest[t] = iou;
        }
        any[t] = Math.max(any[t], iou);
      }
    }
    return new LocalisationTrace(largest, any);
  }

  /** The number of thresholds traced. */
  public int size() {
    return iouLargest.length;
  }
}
