package io.camaudit.cli;

import io.camaudit.metrics.group.Metric;
import io.camaudit.nightly.AlertRules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The nightly alert rules among the option defaults ({@link OptionSource}): {@code
 * max-change.METRIC} thresholds and the {@code alert.*} keys, defaults where absent.
 */
final class AlertConfig {

  private AlertConfig() {}

  /** The keys the rules are read from: {@code max-change.} with each metric id, and alert.*. */
  static List<String> keys() {
    return Stream.concat(
            Arrays.stream(Metric.values()).map(m -> AlertRules.MAX_CHANGE_PREFIX + m.id()),
            Stream.of(
                AlertRules.FDR_KEY, AlertRules.MIN_IMAGES_KEY, AlertRules.ON_MODEL_CHANGE_KEY))
        .toList();
  }

  /**
   * The rules among the values of {@code source}.
   *
   * @throws IllegalArgumentException when a value is not of its key's type or out of its range; the
   *     message names the key and the source
   */
  static AlertRules read(OptionSource source) {
    Properties properties = source.values();
    try {
      Map<String, Double> limits = new TreeMap<>();
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith(AlertRules.MAX_CHANGE_PREFIX)) {
          limits.put(key.substring(AlertRules.MAX_CHANGE_PREFIX.length()), number(properties, key));
        }
      }
      return new AlertRules(
          limits,
          properties.containsKey(AlertRules.FDR_KEY)
              ? number(properties, AlertRules.FDR_KEY)
              : AlertRules.FDR_DEFAULT,
          properties.containsKey(AlertRules.MIN_IMAGES_KEY)
              ? whole(properties, AlertRules.MIN_IMAGES_KEY)
              : AlertRules.MIN_IMAGES_DEFAULT,
          properties.containsKey(AlertRules.ON_MODEL_CHANGE_KEY)
              ? flag(properties, AlertRules.ON_MODEL_CHANGE_KEY)
              : AlertRules.ON_MODEL_CHANGE_DEFAULT);
    } catch (IllegalArgumentException e) {
      IllegalArgumentException invalid = source.invalid(source.keyPrefix() + e.getMessage());
      invalid.initCause(e);
      throw invalid;
    }
  }

  private static double number(Properties properties, String key) {
    String value = properties.getProperty(key).trim();
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a number", e);
    }
  }

  private static int whole(Properties properties, String key) {
    String value = properties.getProperty(key).trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a whole number", e);
    }
  }

  private static boolean flag(Properties properties, String key) {
    String value = properties.getProperty(key).trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw invalid(key, value, "true or false", null);
  }

  /** Worded as {@link AlertRules}' own checks, which {@link #read} prefixes with the source. */
  private static IllegalArgumentException invalid(
      String key, String value, String expected, Exception cause) {
    return new IllegalArgumentException(key + " = '" + value + "': expected " + expected, cause);
  }
}
