package io.camaudit.cli;

import java.util.Map;
import java.util.Properties;

/**
 * One place option defaults come from: the {@code spark.camaudit.*} Spark confs, a {@code --config}
 * file, or a library caller's options. Keys are option names without dashes ({@code batch-size})
 * and the nightly alert keys ({@code max-change.accuracy}); messages name a key as its source
 * spells it ({@code spark.camaudit.batch-size}).
 *
 * @param name the source in messages: {@code Spark conf}, {@code --config FILE}, {@code options}
 * @param keyPrefix what the source puts before each key
 * @param values the values by key, the prefix removed
 * @param mayNameConfig whether the source may name the {@code --config} file ({@code config} key)
 */
record OptionSource(String name, String keyPrefix, Properties values, boolean mayNameConfig) {

  /** The prefix of the Spark confs that hold option defaults. */
  static final String SPARK_CONF_PREFIX = "spark.camaudit.";

  /** The {@code spark.camaudit.*} entries among a session's or a submit's Spark confs. */
  static OptionSource sparkConfs(Iterable<Map.Entry<String, String>> confs) {
    Properties values = new Properties();
    for (Map.Entry<String, String> conf : confs) {
      if (conf.getKey().startsWith(SPARK_CONF_PREFIX)) {
        values.setProperty(conf.getKey().substring(SPARK_CONF_PREFIX.length()), conf.getValue());
      }
    }
    return new OptionSource("Spark conf", SPARK_CONF_PREFIX, values, true);
  }

  /** The values of a {@code --config} file read from {@code location}. */
  static OptionSource configFile(String location, Properties values) {
    return new OptionSource(ConfigFile.OPTION + " " + location, "", values, false);
  }

  /** A library caller's options, keyed as in a {@code --config} file. */
  static OptionSource options(Map<String, String> options) {
    Properties values = new Properties();
    options.forEach(values::setProperty);
    return new OptionSource("options", "", values, true);
  }

  /** {@code key} as this source spells it. */
  String spelled(String key) {
    return keyPrefix + key;
  }

  /** The message of a problem with this source's values. */
  IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException("Invalid " + name + ": " + problem);
  }
}
