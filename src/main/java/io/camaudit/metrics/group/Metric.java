package io.camaudit.metrics.group;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The per-group metrics: each is the mean over a group's images of a per-image value, NaN where the
 * value is undefined for an image. Each constant is the one home of its metric's facts (id,
 * meaning, direction, range, unit); output tables, alert keys, the report and the docs tests read
 * them here, so adding a metric is one constant.
 */
public enum Metric {
  ACCURACY(
      "accuracy",
      "share of labelled images whose prediction is the label",
      Direction.HIGHER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> indicator(m.correct())),
  MEAN_ENERGY_IN_FRACTION(
      "mean_energy_in_fraction",
      "mean share of the heatmap's energy inside the target boxes",
      Direction.HIGHER_IS_BETTER,
      Range.SHARE,
      "share of energy",
      m -> value(m.energyInFraction())),
  MEAN_ENERGY_LIFT(
      "mean_energy_lift",
      "mean energy_in_fraction / box_area_fraction; 1 = no more on the boxes than a uniform map",
      Direction.HIGHER_IS_BETTER,
      Range.NON_NEGATIVE,
      "ratio",
      m -> value(m.energyLift())),
  POINTING_ACCURACY(
      "pointing_accuracy",
      "share of maps whose maximum falls on a target box",
      Direction.HIGHER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> indicator(m.pointingHit())),
  BOX_ACCURACY(
      "box_accuracy",
      "share of CAM boxes with IoU ≥ 0.5 against a target box",
      Direction.HIGHER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> atLeast(m.camBoxIou(), 0.5)),
  SHARE_OFF_OBJECT(
      "share_off_object",
      "share of images whose map looks mostly off the object, energy_lift < 1",
      Direction.LOWER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> 1 - atLeast(m.energyLift(), 1)),
  MEAN_CAM_MULT_CONFIDENCE_CHANGE(
      "mean_cam_mult_confidence_change",
      "mean change of the explained class's probability when the input is multiplied by its"
          + " heatmap (pytorch-grad-cam's CamMultImageConfidenceChange); below 0 = the maps leave"
          + " out what the decision rests on",
      Direction.HIGHER_IS_BETTER,
      new Range(-1, 1),
      "probability",
      m -> value(m.camMultChange())),
  MEAN_ROAD_COMBINED(
      "mean_road_combined",
      "mean ROAD score (pytorch-grad-cam's ROADCombined): half the confidence kept with the"
          + " least relevant pixels imputed less that kept with the most relevant imputed; higher"
          + " = more faithful maps",
      Direction.HIGHER_IS_BETTER,
      new Range(-1, 1),
      "probability",
      m -> value(m.roadCombined())),
  BACKGROUND_ONLY_ACCURACY(
      "background_only_accuracy",
      "share of labelled images with boxes whose label the model still predicts with the boxes'"
          + " content filled (ImageNet-9's Only-BG accuracy)",
      Direction.LOWER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> indicator(m.backgroundOnlyCorrect())),
  OBJECT_ONLY_ACCURACY(
      "object_only_accuracy",
      "share of labelled images with boxes whose label the model predicts with all but the boxes"
          + " filled",
      Direction.HIGHER_IS_BETTER,
      Range.SHARE,
      "share of images",
      m -> indicator(m.objectOnlyCorrect())),
  MEAN_CONFIDENCE_DROP(
      "mean_confidence_drop",
      "mean fall of the explained class's probability when the boxes' content is filled; near 0"
          + " = the background alone carries the decision",
      Direction.HIGHER_IS_BETTER,
      new Range(-1, 1),
      "probability",
      m -> value(m.confidenceDrop()));

  /** Which way a metric improves. */
  public enum Direction {
    HIGHER_IS_BETTER("higher is better"),
    LOWER_IS_BETTER("lower is better");

    private final String words;

    Direction(String words) {
      this.words = words;
    }

    /** Whether {@code a} is strictly worse than {@code b}. */
    public boolean worse(double a, double b) {
      return this == HIGHER_IS_BETTER ? a < b : a > b;
    }

    /** For a person: {@code higher is better} or {@code lower is better}. */
    public String words() {
      return words;
    }
  }

  /**
   * The values a metric can take, from {@code low} to {@code high}, both included where finite; an
   * infinite end is open. A signed metric's range includes negative values.
   */
  public record Range(double low, double high) {

    /** A share: [0, 1]. */
    public static final Range SHARE = new Range(0, 1);

    /** Any value from 0 up: [0, ∞). */
    public static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY);

    /** Any value: (-∞, ∞). */
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Checks the ends. */
    public Range {
      if (Double.isNaN(low) || Double.isNaN(high) || !(low < high)) {
        throw new IllegalArgumentException(
            "Invalid range [" + low + ", " + high + "]: expected low < high, neither NaN");
      }
    }

    /** As the docs write it: {@code [0, 1]}, {@code [0, ∞)}, {@code (-∞, ∞)}. */
    @Override
    public String toString() {
      return (Double.isInfinite(low) ? "(" : "[")
          + number(low)
          + ", "
          + number(high)
          + (Double.isInfinite(high) ? ")" : "]");
    }

    private static String number(double v) {
      if (Double.isInfinite(v)) {
        return v > 0 ? "∞" : "-∞";
      }
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }

  private final String id;
  private final String meaning;
  private final Direction direction;
  private final Range range;
  private final String unit;
  private final ToDoubleFunction<ImageMetrics> extractor;

  Metric(
      String id,
      String meaning,
      Direction direction,
      Range range,
      String unit,
      ToDoubleFunction<ImageMetrics> extractor) {
    this.id = id;
    this.meaning = meaning;
    this.direction = direction;
    this.range = range;
    this.unit = unit;
    this.extractor = extractor;
  }

  /** The metric's name in output tables and alert keys, e.g. {@code mean_energy_lift}. */
  public String id() {
    return id;
  }

  /** What it measures, in one line for a person (plain text), as the docs and report show it. */
  public String meaning() {
    return meaning;
  }

  public Direction direction() {
    return direction;
  }

  /** The values it can take. */
  public Range range() {
    return range;
  }

  /** What its values count, e.g. {@code share of images} or {@code ratio}. */
  public String unit() {
    return unit;
  }

  /** The image's value of this metric; NaN when undefined for the image. */
  public double of(ImageMetrics image) {
    return extractor.applyAsDouble(image);
  }

  /** The metric named {@code id}, if there is one. */
  public static Optional<Metric> find(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** The metric named {@code id}. */
  public static Metric byId(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown metric '"
                        + id
                        + "'; expected one of "
                        + Arrays.stream(values()).map(Metric::id).toList()));
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
