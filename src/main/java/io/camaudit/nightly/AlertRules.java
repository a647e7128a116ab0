package io.camaudit.nightly;

import java.io.Serializable;
import java.util.Map;

/**
 * When the nightly comparison alerts ({@code docs/metrics.md#nightly-comparison}). A (group,
 * metric) row breaches when its change against the baseline run exceeds the metric's {@code
 * max-change} threshold <em>and</em> is significant after Benjamini–Hochberg control of the false
 * discovery rate at {@code fdr} over the run's rows; groups with fewer than {@code minImages}
 * images on either side are reported, not judged. A group that vanished, or a new one of at least
 * {@code minImages} images, breaches on every metric with a threshold.
 *
 * @param maxChange largest allowed absolute change per metric id ({@code max-change.METRIC});
 *     metrics without one are compared but never breach
 * @param fdr false discovery rate the significance test controls ({@code alert.fdr}), in (0, 1)
 * @param minImages least images a group needs in both runs to be judged ({@code alert.min-images})
 * @param onModelChange whether a baseline made with another model digest, layer, method or targets
 *     is itself an alert ({@code alert.on-model-change})
 */
public record AlertRules(
    Map<String, Double> maxChange, double fdr, int minImages, boolean onModelChange)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Prefix of the threshold keys in the configuration file. */
  public static final String MAX_CHANGE_PREFIX = "max-change.";

  /** Key of {@link #fdr} in the configuration file. */
  public static final String FDR_KEY = "alert.fdr";

  /** Default of {@link #fdr}. */
  public static final double FDR_DEFAULT = 0.05;

  /** Key of {@link #minImages} in the configuration file. */
  public static final String MIN_IMAGES_KEY = "alert.min-images";

  /** Default of {@link #minImages}. */
  public static final int MIN_IMAGES_DEFAULT = 20;

  /** Key of {@link #onModelChange} in the configuration file. */
  public static final String ON_MODEL_CHANGE_KEY = "alert.on-model-change";

  /** Default of {@link #onModelChange}. */
  public static final boolean ON_MODEL_CHANGE_DEFAULT = false;

  /** Copies and checks the rules; messages name the configuration key and its value. */
  public AlertRules {
    maxChange = Map.copyOf(maxChange);
    maxChange.forEach(
        (metric, limit) -> {
          if (!(limit >= 0) || limit.isInfinite()) {
            throw new IllegalArgumentException(
                MAX_CHANGE_PREFIX + metric + " = " + limit + ": expected a finite number >= 0");
          }
        });
    if (!(fdr > 0 && fdr < 1)) {
      throw new IllegalArgumentException(
          FDR_KEY + " = " + fdr + ": expected a rate in (0, 1), usually 0.05");
    }
    if (minImages < 1) {
      throw new IllegalArgumentException(
          MIN_IMAGES_KEY + " = " + minImages + ": expected at least 1");
    }
  }

  /** The defaults, with no thresholds: changes are reported, nothing breaches. */
  public static AlertRules none() {
    return withThresholds(Map.of());
  }

  /** The default rules with these thresholds. */
  public static AlertRules withThresholds(Map<String, Double> maxChange) {
    return new AlertRules(maxChange, FDR_DEFAULT, MIN_IMAGES_DEFAULT, ON_MODEL_CHANGE_DEFAULT);
  }

  /** The threshold of {@code metric}, or {@code null} when it has none. */
  public Double threshold(String metric) {
    return maxChange.get(metric);
  }
}
