package io.camaudit.cli;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The Spark settings a command reads its option defaults with ({@code spark.camaudit.*} confs, the
 * Hadoop configuration that reads a {@code --config} file): a running session's, or, before one
 * starts, those {@code spark-submit} passed to this JVM.
 *
 * @param confs every Spark conf, key and value
 * @param hadoop the Hadoop configuration for reading files
 */
record SparkEnvironment(List<Map.Entry<String, String>> confs, Supplier<Configuration> hadoop) {

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  /** A session's confs (its runtime confs included) and Hadoop configuration. */
  static SparkEnvironment of(SparkSession spark) {
    List<Map.Entry<String, String>> confs = new ArrayList<>();
    scala.collection.Iterator<Tuple2<String, String>> all = spark.conf().getAll().iterator();
    while (all.hasNext()) {
      Tuple2<String, String> conf = all.next();
      confs.add(new AbstractMap.SimpleImmutableEntry<>(conf._1(), conf._2()));
    }
    return new SparkEnvironment(confs, () -> spark.sparkContext().hadoopConfiguration());
  }

  /** The running session's settings, or else the Spark confs of this JVM's system properties. */
  static SparkEnvironment current() {
    Optional<SparkSession> running = CommandSession.running();
    if (running.isPresent()) {
      return of(running.get());
    }
    List<Map.Entry<String, String>> confs = new ArrayList<>();
    for (Tuple2<String, String> conf : new SparkConf().getAll()) {
      confs.add(new AbstractMap.SimpleImmutableEntry<>(conf._1(), conf._2()));
    }
    return new SparkEnvironment(confs, () -> hadoopConfiguration(confs));
  }

  /** The default Hadoop configuration with the {@code spark.hadoop.*} confs, as Spark makes it. */
  private static Configuration hadoopConfiguration(List<Map.Entry<String, String>> confs) {
    Configuration hadoop = new Configuration();
    for (Map.Entry<String, String> conf : confs) {
      if (conf.getKey().startsWith(HADOOP_PREFIX)) {
        hadoop.set(conf.getKey().substring(HADOOP_PREFIX.length()), conf.getValue());
      }
    }
    return hadoop;
  }
}
