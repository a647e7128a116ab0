package io.camaudit.report;

import io.camaudit.metrics.group.Metric;
import java.util.stream.DoubleStream;

/**
 * A chart's value axis from {@code low} to {@code high}; it always includes 0, where bars start.
 *
 * @param low the value at the axis's left end, ≤ 0
 * @param high the value at its right end, ≥ 0 and above {@code low}
 */
record Axis(double low, double high) {

  /** Checks the ends. */
  Axis {
    if (!(low <= 0 && high >= 0 && low < high)) {
      throw new IllegalArgumentException(
          "Invalid axis [" + low + ", " + high + "]: expected low ≤ 0 ≤ high, low < high");
    }
  }

  /**
   * The axis for values of a metric in {@code range}: its finite ends (and 0); an open end lies at
   * 1.1 × the larger of 1 and the farthest of {@code values} on that side, rounded away from 0 to a
   * multiple of 0.5. Non-finite values are ignored.
   */
  static Axis of(Metric.Range range, DoubleStream values) {
    double[] finite = values.filter(Double::isFinite).toArray();
    double low =
        Double.isInfinite(range.low())
            ? -openEnd(-DoubleStream.of(finite).min().orElse(0))
            : Math.min(0, range.low());
    double high =
        Double.isInfinite(range.high())
            ? openEnd(DoubleStream.of(finite).max().orElse(0))
            : Math.max(0, range.high());
    return new Axis(low, high);
  }

  private static double openEnd(double farthest) {
    return Math.ceil(Math.max(1, farthest) * 1.1 * 2) / 2;
  }

  /** The value of tick {@code t} of {@code intervals} equal parts, from the low end. */
  double tick(int t, int intervals) {
    return low + (high - low) * t / intervals;
  }

  /**
   * Where {@code v} lies, as a share of the axis from its low end, clamped to [0, 1]; a non-finite
   * value lies at 0.
   */
  double position(double v) {
    double at = Double.isFinite(v) ? v : 0;
    return Math.max(0, Math.min(1, (at - low) / (high - low)));
  }
}
