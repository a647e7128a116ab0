package io.camaudit.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * MaxBoxAcc and MaxBoxAccV2 of Choe et al., "Evaluating Weakly Supervised Object Localization
 * Methods Right", CVPR 2020, accumulated over images' {@link LocalisationTrace}s.
 *
 * <p>For thresholds {@code tau} (the grid of the traces) and IoU thresholds {@code delta}:
 *
 * <ul>
 *   <li>{@code BoxAcc(tau, delta)} is the fraction of images whose box at {@code tau} has IoU
 *       {@code >= delta} with a ground-truth box, where the box is that of the largest region
 *       ({@link Variant#LARGEST_REGION}) or the best of all regions ({@link Variant#ANY_REGION});
 *   <li>{@code MaxBoxAcc = max over tau of BoxAcc(tau, 0.5)} for the largest region;
 *   <li>{@code MaxBoxAccV2 = mean over delta of (max over tau of BoxAcc(tau, delta))} for any
 *       region, each {@code delta} with its own best {@code tau}; by default {@code delta} in {0.3,
 *       0.5, 0.7}.
 * </ul>
 *
 * <p>Accuracies are fractions in [0, 1] (the paper reports percentages); the best {@code tau} on
 * ties is the first in grid order (the lowest, for an ascending grid), as NumPy's {@code argmax} in
 * the authors' code. Thresholds are relative to each map's maximum ({@code tau * max}), as
 * everywhere in this project; Choe et al. min-max normalise each map first, which is the same for a
 * map whose minimum is 0, such as a ReLU'd Grad-CAM map.
 *
 * <p>An accumulator is mutable and not thread-safe; Spark partitions can each fill one and {@link
 * #merge} them.
 */
public final class BoxAccuracy implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The IoU thresholds of MaxBoxAccV2. */
  private static final double[] DEFAULT_IOU_THRESHOLDS = {0.3, 0.5, 0.7};

  /** The IoU threshold of MaxBoxAcc. */
  private static final double MAX_BOX_ACC_IOU_THRESHOLD = 0.5;

  /** Which box of an image's regions is scored at each threshold. */
  public enum Variant {
    /** The box of the largest region, as in MaxBoxAcc. */
    LARGEST_REGION,
    /** The best of all regions' boxes, as in MaxBoxAccV2. */
    ANY_REGION
  }

  /**
   * The peak of a BoxAcc curve.
   *
   * @param accuracy the largest BoxAcc over the thresholds; NaN without images
   * @param tau the first threshold that reaches it; NaN without images
   */
  public record Peak(double accuracy, double tau) {}

  private final double[] taus;
  private final double[] iouThresholds;

  /** {@code hits[v][d][t]}: images whose IoU at {@code taus[t]} is {@code >= iouThresholds[d]}. */
  private final long[][][] hits;

  private long images;

  /** An empty accumulator for traces over {@code taus}, with IoU thresholds 0.3, 0.5 and 0.7. */
  public BoxAccuracy(double[] taus) {
    this(taus, DEFAULT_IOU_THRESHOLDS);
  }

  /**
   * An empty accumulator for traces over {@code taus} (each in [0, 1]) and the distinct {@code
   * iouThresholds} (each in (0, 1]).
   */
  public BoxAccuracy(double[] taus, double[] iouThresholds) {
    if (taus.length == 0) {
      throw new IllegalArgumentException("BoxAccuracy needs at least one threshold tau (got none)");
    }
    if (Arrays.stream(taus).anyMatch(tau -> !(tau >= 0 && tau <= 1))) {
      throw new IllegalArgumentException(
          "Invalid thresholds tau (expected each in [0, 1]): " + Arrays.toString(taus));
    }
    if (iouThresholds.length == 0
        || Arrays.stream(iouThresholds).anyMatch(d -> !(d > 0 && d <= 1))
        || Arrays.stream(iouThresholds).distinct().count() != iouThresholds.length) {
      throw new IllegalArgumentException(
          "Invalid IoU thresholds (expected at least one, distinct, each in (0, 1]): "
              + Arrays.toString(iouThresholds));
    }
    this.taus = taus.clone();
    this.iouThresholds = iouThresholds.clone();
    this.hits = new long[Variant.values().length][iouThresholds.length][taus.length];
  }

  /** Counts one image. Returns this accumulator. */
  public BoxAccuracy add(LocalisationTrace trace) {
    if (trace.size() != taus.length) {
      throw new IllegalArgumentException(
          "Trace over "
              + trace.size()
              + " thresholds does not match this accumulator's "
              + taus.length
              + " thresholds "
              + Arrays.toString(taus));
    }
    for (Variant variant : Variant.values()) {
      double[] ious = variant == Variant.LARGEST_REGION ? trace.iouLargest() : trace.iouAny();
      long[][] counts = hits[variant.ordinal()];
      for (int d = 0; d < iouThresholds.length; d++) {
        for (int t = 0; t < taus.length; t++) {
          if (ious[t] >= iouThresholds[d]) {
            counts[d][t]++;
          }
        }
      }
    }
    images++;
    return this;
  }

  /** Adds {@code other}'s counts to this accumulator's. Returns this accumulator. */
  public BoxAccuracy merge(BoxAccuracy other) {
    if (!Arrays.equals(taus, other.taus) || !Arrays.equals(iouThresholds, other.iouThresholds)) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot merge BoxAccuracy over different grids (expected taus %s and IoU thresholds"
                  + " %s, got %s and %s)",
              Arrays.toString(taus),
              Arrays.toString(iouThresholds),
              Arrays.toString(other.taus),
              Arrays.toString(other.iouThresholds)));
    }
    for (int v = 0; v < hits.length; v++) {
      for (int d = 0; d < iouThresholds.length; d++) {
        for (int t = 0; t < taus.length; t++) {
          hits[v][d][t] += other.hits[v][d][t];
        }
      }
    }
    images += other.images;
    return this;
  }

  /** The number of images counted. */
  public long images() {
    return images;
  }

  /** The thresholds {@code tau}, in grid order. */
  public double[] taus() {
    return taus.clone();
  }

  /** The IoU thresholds {@code delta}. */
  public double[] iouThresholds() {
    return iouThresholds.clone();
  }

  /**
   * {@code BoxAcc(tau, iouThreshold)} for each of {@link #taus()}; NaN without images.
   *
   * @param iouThreshold one of {@link #iouThresholds()}
   */
  public double[] curve(Variant variant, double iouThreshold) {
    long[] counts = hits[variant.ordinal()][indexOf(iouThreshold)];
    double[] curve = new double[counts.length];
    for (int t = 0; t < counts.length; t++) {
      curve[t] = images > 0 ? (double) counts[t] / images : Double.NaN;
    }
    return curve;
  }

  /**
   * The peak of {@link #curve}: {@code max over tau of BoxAcc(tau, iouThreshold)} and its first
   * threshold.
   */
  public Peak maxBoxAcc(Variant variant, double iouThreshold) {
    double[] curve = curve(variant, iouThreshold);
    if (images == 0) {
      return new Peak(Double.NaN, Double.NaN);
    }
    int best = 0;
    for (int t = 1; t < curve.length; t++) {
      if (curve[t] > curve[best]) {
        best = t;
      }
    }
    return new Peak(curve[best], taus[best]);
  }

  /** MaxBoxAcc: the peak for the largest region at IoU threshold 0.5 (one of the thresholds). */
  public Peak maxBoxAcc() {
    return maxBoxAcc(Variant.LARGEST_REGION, MAX_BOX_ACC_IOU_THRESHOLD);
  }

  /** MaxBoxAccV2: the mean over the IoU thresholds of the any-region peaks; NaN without images. */
  public double maxBoxAccV2() {
    return Arrays.stream(iouThresholds)
        .map(delta -> maxBoxAcc(Variant.ANY_REGION, delta).accuracy())
        .average()
        .orElseThrow();
  }

  private int indexOf(double iouThreshold) {
    for (int d = 0; d < iouThresholds.length; d++) {
      if (iouThresholds[d] == iouThreshold) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Unknown IoU threshold "
            + iouThreshold
            + " (expected one of "
            + Arrays.toString(iouThresholds)
            + ")");
  }
}
