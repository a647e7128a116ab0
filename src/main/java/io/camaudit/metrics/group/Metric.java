package io.camaudit.metrics.group;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The per-group metrics: each is the mean over a group's images of a per-image value, NaN where the
 * value is undefined for an image. Adding a metric is one constant.
 */
public enum Metric {
  ACCURACY("accuracy", Direction.HIGHER_IS_BETTER, m -> indicator(m.correct())),
  MEAN_ENERGY_IN_FRACTION(
      "mean_energy_in_fraction", Direction.HIGHER_IS_BETTER, m -> value(m.energyInFraction())),
  MEAN_ENERGY_LIFT("mean_energy_lift", Direction.HIGHER_IS_BETTER, m -> value(m.energyLift())),
  POINTING_ACCURACY(
      "pointing_accuracy", Direction.HIGHER_IS_BETTER, m -> indicator(m.pointingHit())),
  /** Share of images whose heatmap box has IoU ≥ 0.5 with the target boxes. */
  BOX_ACCURACY("box_accuracy", Direction.HIGHER_IS_BETTER, m -> atLeast(m.camBoxIou(), 0.5)),
  /** Share of images with {@code energy_lift < 1}: the heatmap looks mostly off the object. */
  SHARE_OFF_OBJECT(
      "share_off_object", Direction.LOWER_IS_BETTER, m -> 1 - atLeast(m.energyLift(), 1));

  /** Which way a metric improves. */
  public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** Whether {@code a} is strictly worse than {@code b}. */
    public boolean worse(double a, double b) {
      return this == HIGHER_IS_BETTER ? a < b : a > b;
    }
  }

  private final String id;
  private final Direction direction;
  private final ToDoubleFunction<ImageMetrics> extractor;

  Metric(String id, Direction direction, ToDoubleFunction<ImageMetrics> extractor) {
    this.id = id;
    this.direction = direction;
    this.extractor = extractor;
  }

  /** The metric's name in output tables, e.g. {@code mean_energy_lift}. */
  public String id() {
    return id;
  }

  public Direction direction() {
    return direction;
  }

  /** The image's value of this metric; NaN when undefined for the image. */
  public double of(ImageMetrics image) {
    return extractor.applyAsDouble(image);
  }

  /** The metric named {@code id}. */
  public static Metric byId(String id) {
    for (Metric metric : values()) {
      if (metric.id.equals(id)) {
        return metric;
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(Metric::id).toList());
  }

  private static double value(Double value) {
    return value == null ? Double.NaN : value;
  }

  private static double indicator(Boolean flag) {
    return flag == null ? Double.NaN : flag ? 1 : 0;
  }

  private static double atLeast(Double value, double threshold) {
    return value == null || value.isNaN() ? Double.NaN : value >= threshold ? 1 : 0;
  }
}
