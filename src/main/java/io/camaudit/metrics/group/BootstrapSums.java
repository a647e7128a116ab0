package io.camaudit.metrics.group;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The sums behind one (group, metric) cell of a Poisson bootstrap: the count and sum of the defined
 * values, and per replicate b the sums Σw<sub>b</sub>·x and Σw<sub>b</sub>. Values are accumulated
 * in fixed point (resolution 2<sup>-24</sup>, |x| ≤ 2<sup>32</sup>) so that every sum is exact,
 * hence independent of the order of additions and merges, which floating-point sums are not. A sum
 * beyond 2<sup>39</sup> (in value units) throws {@link ArithmeticException}.
 */
final class BootstrapSums implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double SCALE = 0x1p24;
  private static final double MAX_ABS_VALUE = 0x1p32;
  private static final double LOW_QUANTILE = 0.025;
  private static final double HIGH_QUANTILE = 0.975;

  private long count;
  private long sum;
  private final long[] weightedSums;
  private final long[] weightSums;

  BootstrapSums(int replicates) {
    weightedSums = new long[replicates];
    weightSums = new long[replicates];
  }

  /** Whether {@code value} can be accumulated: finite and |value| ≤ 2<sup>32</sup>. */
  static boolean accepts(double value) {
    return Math.abs(value) <= MAX_ABS_VALUE;
  }

  /** {@code value} in fixed point, for {@link #add}; it must be {@linkplain #accepts accepted}. */
  static long fixedPoint(double value) {
    return Math.round(value * SCALE);
  }

  /** Adds one image's value ({@link #fixedPoint}) with its weight per replicate. */
  void add(long value, int[] weights) {
    count++;
    sum = Math.addExact(sum, value);
    for (int b = 0; b < weightedSums.length; b++) {
      weightedSums[b] = Math.addExact(weightedSums[b], Math.multiplyExact(value, weights[b]));
      weightSums[b] += weights[b];
    }
  }

  /** Adds {@code other}'s sums (same replicate count) to these. */
  void merge(BootstrapSums other) {
    count += other.count;
    sum = Math.addExact(sum, other.sum);
    for (int b = 0; b < weightedSums.length; b++) {
      weightedSums[b] = Math.addExact(weightedSums[b], other.weightedSums[b]);
      weightSums[b] += other.weightSums[b];
    }
  }

  /**
   * The mean, its 95% percentile interval and the replicate means. The interval is the 2.5th and
   * 97.5th percentiles (linear interpolation between order statistics) of the replicate means,
   * skipping replicates with Σw = 0 (NaN in the replicate means, so that replicate b keeps its
   * index); NaN bounds when every replicate is skipped.
   */
  GroupEstimate estimate(String groupColumn, String groupValue, Metric metric) {
    double[] means = new double[weightSums.length];
    for (int b = 0; b < weightSums.length; b++) {
      means[b] = weightSums[b] > 0 ? weightedSums[b] / SCALE / weightSums[b] : Double.NaN;
    }
    double[] sorted = Arrays.stream(means).filter(m -> !Double.isNaN(m)).sorted().toArray();
    return new GroupEstimate(
        new GroupMetric(
            groupColumn,
            groupValue,
            metric.id(),
            count,
            sum / SCALE / count,
            quantile(sorted, LOW_QUANTILE),
            quantile(sorted, HIGH_QUANTILE)),
        means);
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) position;
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
