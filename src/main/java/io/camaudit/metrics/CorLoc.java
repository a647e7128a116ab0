package io.camaudit.metrics;

import java.io.Serializable;

/**
 * CorLoc (correct localisation) of Deselaers, Alexe and Ferrari, "Weakly Supervised Localization
 * and Learning with Generic Knowledge", IJCV 100(3), 2012: the share of images whose one estimated
 * box (here the CAM box, {@link CamBox}) has IoU {@code >= 0.5} with a ground-truth box of the
 * class. Unlike MaxBoxAcc, no threshold is tuned on the ground truth: the box comes from the fixed
 * CAM threshold, as the boxes a weakly supervised detector is trained on do.
 *
 * <p>Counts over images that have boxes of their class; an image without a CAM box (a map without
 * energy) counts as a miss. Mutable; Spark partitions each fill one and {@link #merge} them.
 */
public final class CorLoc implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The IoU an image's box must reach. */
  public static final double IOU_THRESHOLD = 0.5;

  private long hits;
  private long images;

  /**
   * Counts one image whose box has {@code iou} with its best ground-truth match (NaN: no box).
   *
   * @return this accumulator
   */
  public CorLoc add(double iou) {
    images++;
    if (iou >= IOU_THRESHOLD) {
      hits++;
    }
    return this;
  }

  /** Adds {@code other}'s counts to this one's and returns this. */
  public CorLoc merge(CorLoc other) {
    hits += other.hits;
    images += other.images;
    return this;
  }

  /** Images counted. */
  public long images() {
    return images;
  }

  /** The share of counted images localised correctly, in [0, 1]; NaN when none was counted. */
  public double value() {
    return images == 0 ? Double.NaN : (double) hits / images;
  }
}
