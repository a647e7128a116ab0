package io.camaudit.cli;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a command runs on: the one already running in this JVM (a notebook's, a
 * scheduler's, a test's), which it leaves running; else a new one on the master that {@code
 * spark-submit} set (local mode on all cores without one), which it stops when done.
 */
final class CommandSession {

  private CommandSession() {}

  /** What a command does on its session. */
  @FunctionalInterface
  interface Work<T> {
    T on(SparkSession spark) throws Exception;
  }

  /** Runs {@code work} on the running session, or on a new one named {@code appName}. */
  static <T> T run(String appName, Work<T> work) throws Exception {
    Optional<SparkSession> running = running();
    if (running.isPresent()) {
      return work.on(running.get());
    }
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      return work.on(spark);
    } finally {
      spark.stop();
    }
  }

  /** This thread's active session, else the JVM's default one, unless stopped. */
  static Optional<SparkSession> running() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isEmpty() || session.get().sparkContext().isStopped()
        ? Optional.empty()
        : Optional.of(session.get());
  }
}
