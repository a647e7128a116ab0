package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import java.util.Optional;

/**
 * The localisation box of Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via
 * Gradient-based Localization", ICCV 2017, §4.1: the box of the largest connected region of the map
 * thresholded at 15% of its maximum ({@link ThresholdRegions}), scored against the ground-truth
 * boxes of the target class.
 *
 * @param box the box of the largest region (the first found, on ties)
 * @param iou {@link BoxIou#best} of the box with the ground-truth boxes; NaN when there are none
 */
public record CamBox(Box box, double iou) {

  /** The Grad-CAM paper's threshold, relative to the map's maximum. */
  public static final double DEFAULT_THRESHOLD = 0.15;

  /** The box at the default threshold of 15%. */
  public static Optional<CamBox> of(FloatMap map, List<Box> truths) {
    return of(map, truths, DEFAULT_THRESHOLD);
  }

  /**
   * The box of {@code map}'s largest region at {@code threshold} in (0, 1]; empty for a map without
   * regions (maximum 0). {@code truths} may be empty.
   */
  public static Optional<CamBox> of(FloatMap map, List<Box> truths, double threshold) {
    return of(ThresholdRegions.of(map, threshold), truths);
  }

  /**
   * The box of the largest of {@code regions} (largest first, as {@link ThresholdRegions} gives
   * them); empty when there are none.
   */
  public static Optional<CamBox> of(List<Region> regions, List<Box> truths) {
    return regions.stream()
        .findFirst()
        .map(Region::box)
        .map(box -> new CamBox(box, truths.isEmpty() ? Double.NaN : BoxIou.best(box, truths)));
  }
}
