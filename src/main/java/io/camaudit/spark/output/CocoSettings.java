package io.camaudit.spark.output;

/**
 * What the COCO export of weakly supervised boxes holds.
 *
 * @param tau the threshold whose regions are exported (one of the run's thresholds)
 * @param minArea the smallest box area exported, square pixels (0: every box)
 * @param topK the most boxes per image, the highest {@code energy_share} first (0: every box)
 */
public record CocoSettings(double tau, double minArea, int topK) {

  /** Checks the filters. */
  public CocoSettings {
    if (!(minArea >= 0) || Double.isInfinite(minArea)) {
      throw new IllegalArgumentException(
          "Invalid --coco-min-area " + minArea + ": expected a finite number >= 0 (square pixels)");
    }
    if (topK < 0) {
      throw new IllegalArgumentException(
          "Invalid --coco-top-k " + topK + ": expected 0 (every box) or a positive number");
    }
  }
}
