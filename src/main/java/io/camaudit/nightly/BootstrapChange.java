package io.camaudit.nightly;

import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The change of one group metric between two runs, with its 95% bootstrap interval and the
 * two-sided p-value of "no change".
 *
 * <p>The replicate-wise differences {@code Δ_b = after_b − before_b} of the two runs' replicate
 * means ({@link GroupEstimate}) are a bootstrap sample of the change: an image in both runs has the
 * same Poisson weights in both (same seed and id), so it is resampled as one unit and its shared
 * part cancels, while images in one run only contribute their own noise. The interval is the 2.5th
 * and 97.5th percentiles of {@code Δ_b} (linear interpolation, as the runs' own intervals); the
 * p-value is the normal one, {@code 2·(1 − Φ(|change| / sd(Δ)))}, since the empirical tail share of
 * {@code B} replicates cannot go below {@code 1/B}, too coarse for false discovery rate control
 * over dozens of rows. With no spread ({@code sd(Δ) = 0}: the same images with the same values) the
 * p-value is 1 for no change and 0 for any other. A baseline without replicate means (written
 * before they were stored) is compared without pairing, each run's standard error taken from its
 * interval as {@code (ci_high − ci_low) / (2 · 1.96)}.
 *
 * @param change {@code after − before}
 * @param ciLow lower end of the 95% interval
 * @param ciHigh upper end
 * @param pValue the two-sided p-value
 */
public record BootstrapChange(double change, double ciLow, double ciHigh, double pValue) {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

  /** The change from {@code before} to {@code after}, two estimates of one (group, metric). */
  public static BootstrapChange of(GroupEstimate before, GroupEstimate after) {
    double change = after.metric().value() - before.metric().value();
    double[] deltas = differences(before.replicateMeans(), after.replicateMeans());
    if (deltas.length < 2) {
      double sd = Math.hypot(standardError(before.metric()), standardError(after.metric()));
      return new BootstrapChange(
          change, change - Z_975 * sd, change + Z_975 * sd, pValue(change, sd));
    }
    Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    percentile.setData(deltas);
    return new BootstrapChange(
        change,
        percentile.evaluate(2.5),
        percentile.evaluate(97.5),
        pValue(change, standardDeviation(deltas)));
  }

  /** {@code after_b − before_b} for every replicate both define; empty when either is unknown. */
  private static double[] differences(double[] before, double[] after) {
    if (before == null || after == null) {
      return new double[0];
    }
    int replicates = Math.min(before.length, after.length);
    double[] deltas = new double[replicates];
    int kept = 0;
    for (int b = 0; b < replicates; b++) {
      double delta = after[b] - before[b];
      if (!Double.isNaN(delta)) {
        deltas[kept++] = delta;
      }
    }
    return Arrays.copyOf(deltas, kept);
  }

  private static double standardError(GroupMetric metric) {
    double width = metric.ciHigh() - metric.ciLow();
    return Double.isNaN(width) ? 0 : width / (2 * Z_975);
  }

  private static double standardDeviation(double[] values) {
    double mean = Arrays.stream(values).average().orElse(0);
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    return Math.sqrt(squares / (values.length - 1));
  }

  private static double pValue(double change, double sd) {
    if (!(sd > 0)) {
      return change == 0 ? 1 : 0;
    }
    return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(change) / sd);
  }
}
