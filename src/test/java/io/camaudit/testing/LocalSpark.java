package io.camaudit.testing;

import org.apache.spark.sql.SparkSession;

/** The small local Spark session unit tests run their tables on. */
public final class LocalSpark {

  private LocalSpark() {}

  /** A session on two local threads, without the web UI, with two shuffle partitions. */
  public static SparkSession start(String appName) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(appName)
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", 2)
        .getOrCreate();
  }
}
