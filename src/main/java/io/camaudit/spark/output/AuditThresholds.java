package io.camaudit.spark.output;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How far each group metric may move from the baseline run before the nightly audit alerts: a
 * change {@code |after - before|} above a metric's threshold is a breach. Read from the {@code
 * max-change.METRIC} keys of the configuration file, for example {@code
 * max-change.mean_energy_in_fraction = 0.05}. Metrics without a threshold are compared but never
 * breach.
 *
 * @param maxChange largest allowed absolute change per metric name
 */
public record AuditThresholds(Map<String, Double> maxChange) implements Serializable {

  /** Prefix of the threshold keys in the configuration file. */
  public static final String PREFIX = "max-change.";

  /** Copies and checks the thresholds. */
  public AuditThresholds {
    maxChange = Map.copyOf(maxChange);
    maxChange.forEach(
        (metric, limit) -> {
          if (!(limit >= 0) || limit.isInfinite()) {
            throw new IllegalArgumentException(
                "Invalid threshold "
                    + PREFIX
                    + metric
                    + " = "
                    + limit
                    + ": expected a finite number >= 0");
          }
        });
  }

  /** No thresholds: differences are reported, nothing breaches. */
  public static AuditThresholds none() {
    return new AuditThresholds(Map.of());
  }

  /**
   * The thresholds among a configuration file's properties: every key {@code max-change.METRIC}
   * maps a metric to its allowed absolute change.
   *
   * @param source names the file in error messages
   */
  public static AuditThresholds fromProperties(Properties properties, String source) {
    Map<String, Double> limits = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(PREFIX)) {
        String value = properties.getProperty(key).trim();
        try {
          limits.put(key.substring(PREFIX.length()), Double.parseDouble(value));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "Invalid --config " + source + ": " + key + " = '" + value + "' is not a number", e);
        }
      }
    }
    return new AuditThresholds(limits);
  }
}
