package io.camaudit.cli;

import io.camaudit.nightly.AlertRules;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The nightly alert rules of a {@code --config} file: {@code max-change.METRIC} thresholds and the
 * {@code alert.*} keys, defaults where absent.
 */
final class AlertConfig {

  private AlertConfig() {}

  /**
   * The rules among {@code properties}.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException when a value is not of its key's type; the message names the
   *     key and the file
   */
  static AlertRules read(Properties properties, String source) {
    Map<String, Double> limits = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(AlertRules.MAX_CHANGE_PREFIX)) {
        limits.put(
            key.substring(AlertRules.MAX_CHANGE_PREFIX.length()), number(properties, key, source));
      }
    }
    try {
      return new AlertRules(
          limits,
          properties.containsKey(AlertRules.FDR_KEY)
              ? number(properties, AlertRules.FDR_KEY, source)
              : AlertRules.FDR_DEFAULT,
          properties.containsKey(AlertRules.MIN_IMAGES_KEY)
              ? (int) whole(properties, AlertRules.MIN_IMAGES_KEY, source)
              : AlertRules.MIN_IMAGES_DEFAULT,
          properties.containsKey(AlertRules.ON_MODEL_CHANGE_KEY)
              ? flag(properties, AlertRules.ON_MODEL_CHANGE_KEY, source)
              : AlertRules.ON_MODEL_CHANGE_DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid " + ConfigFile.OPTION + " " + source + ": " + e.getMessage(), e);
    }
  }

  private static double number(Properties properties, String key, String source) {
    String value = properties.getProperty(key).trim();
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, source, "a number", e);
    }
  }

  private static long whole(Properties properties, String key, String source) {
    String value = properties.getProperty(key).trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, source, "a whole number", e);
    }
  }

  private static boolean flag(Properties properties, String key, String source) {
    String value = properties.getProperty(key).trim();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw invalid(key, value, source, "true or false", null);
  }

  private static IllegalArgumentException invalid(
      String key, String value, String source, String expected, Exception cause) {
    return new IllegalArgumentException(
        "Invalid "
            + ConfigFile.OPTION
            + " "
            + source
            + ": "
            + key
            + " = '"
            + value
            + "' is not "
            + expected,
        cause);
  }
}
