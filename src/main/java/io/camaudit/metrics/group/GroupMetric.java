package io.camaudit.metrics.group;

import java.io.Serializable;

/**
 * One metric of one group, with a 95% Poisson-bootstrap percentile interval ({@link
 * GroupBootstrap}). The row over all images has {@code groupColumn} and {@code groupValue} both
 * {@link #OVERALL}.
 *
 * @param groupColumn the group column, or {@link #OVERALL}
 * @param groupValue the group's value in that column, or {@link #OVERALL}
 * @param metric the metric's {@linkplain Metric#id() id}
 * @param n images of the group for which the metric is defined (at least 1)
 * @param value the metric's mean over those images
 * @param ciLow lower bound of the 95% interval (2.5th percentile of replicate means)
 * @param ciHigh upper bound of the 95% interval (97.5th percentile of replicate means)
 */
public record GroupMetric(
    String groupColumn,
    String groupValue,
    String metric,
    long n,
    double value,
    double ciLow,
    double ciHigh)
    implements Serializable {

  /** {@code groupColumn} and {@code groupValue} of the row over all images. */
  public static final String OVERALL = "*";

  /** Whether this is the row over all images. */
  public boolean isOverall() {
    return OVERALL.equals(groupColumn);
  }
}
