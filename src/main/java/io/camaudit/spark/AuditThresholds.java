package io.camaudit.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each group metric may move from the baseline run before the nightly audit alerts: a
 * change {@code |after - before|} above a metric's threshold is a breach. Read from the
 * {@code audit_diff.max_change} object of the configuration file, for example
 * {@code {"audit_diff": {"max_change": {"mean_energy_in_fraction": 0.05}}}}. Metrics without a
 * threshold are compared but never breach.
 *
 * @param maxChange largest allowed absolute change per metric name
 */
public record AuditThresholds(Map<String, Double> maxChange) implements Serializable {

  /** Copies and checks the thresholds. */
  public AuditThresholds {
    maxChange = Map.copyOf(maxChange);
    maxChange.forEach(
        (metric, limit) -> {
          if (!(limit >= 0) || limit.isInfinite()) {
            throw new IllegalArgumentException(
                "Invalid threshold audit_diff.max_change." + metric + " = " + limit
                    + ": expected a finite number >= 0");
          }
        });
  }

  /** No thresholds: differences are reported, nothing breaches. */
  public static AuditThresholds none() {
    return new AuditThresholds(Map.of());
  }

  /**
   * Reads the thresholds from a configuration file's JSON text.
   *
   * @param source names the file in error messages
   */
  public static AuditThresholds fromJson(String json, String source) {
    try {
      JsonElement root = JsonParser.parseString(json);
      if (!root.isJsonObject()) {
        throw new IllegalArgumentException("Invalid --config " + source + ": expected a JSON object");
      }
      JsonObject diff = root.getAsJsonObject().getAsJsonObject("audit_diff");
      if (diff == null || !diff.has("max_change")) {
        return none();
      }
      Map<String, Double> limits = new TreeMap<>();
      for (Map.Entry<String, JsonElement> e : diff.getAsJsonObject("max_change").entrySet()) {
        limits.put(e.getKey(), e.getValue().getAsDouble());
      }
      return new AuditThresholds(limits);
    } catch (JsonParseException | ClassCastException | IllegalStateException
        | UnsupportedOperationException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid --config " + source + ": audit_diff.max_change must map metric names to numbers ("
              + e.getMessage() + ")", e);
    }
  }
}
