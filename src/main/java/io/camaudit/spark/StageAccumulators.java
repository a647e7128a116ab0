package io.camaudit.spark;

import io.camaudit.audit.StageTimes;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Collects what the executors' tasks report to the driver: their {@link StageTimes} for the run
 * summary (stage times summed over tasks, the moment the first batch anywhere was explained) and
 * the images done, which running tasks also report with their heartbeats ({@link
 * ProgressReporter}). Like every Spark accumulator updated in a transformation, a recomputed
 * partition is counted again.
 */
final class StageAccumulators implements Serializable {

  private static final long serialVersionUID = 1L;

  private final LongAccumulator prepareNanos;
  private final LongAccumulator prepareWaitNanos;
  private final LongAccumulator explainNanos;
  private final LongAccumulator measureNanos;
  private final CollectionAccumulator<Long> firstBatches;
  private final LongAccumulator images;

  private StageAccumulators(SparkContext spark) {
    images = spark.longAccumulator("images done");
    prepareNanos = spark.longAccumulator("prepare nanos");
    prepareWaitNanos = spark.longAccumulator("prepare wait nanos");
    explainNanos = spark.longAccumulator("explain nanos");
    measureNanos = spark.longAccumulator("measure nanos");
    firstBatches = spark.collectionAccumulator("first batch epoch millis");
  }

  /** Accumulators registered with {@code spark}. */
  static StageAccumulators register(SparkContext spark) {
    return new StageAccumulators(spark);
  }

  /** Counts one image explained or rejected (on an executor). */
  void imageDone() {
    images.add(1);
  }

  /** The id of the images-done accumulator, as listeners see it. */
  long imagesId() {
    return images.id();
  }

  /** Adds one finished partition's times (on an executor). */
  void add(StageTimes times) {
    prepareNanos.add(times.prepareNanos());
    prepareWaitNanos.add(times.prepareWaitNanos());
    explainNanos.add(times.explainNanos());
    measureNanos.add(times.measureNanos());
    if (times.firstBatchEpochMillis() >= 0) {
      firstBatches.add(times.firstBatchEpochMillis());
    }
  }

  /**
   * Seconds per stage, summed over tasks: {@code prepare} (on the prepare threads), {@code
   * prepare_wait} (the explaining thread waiting for prepared images), {@code explain}, {@code
   * measure}.
   */
  Map<String, Double> taskSeconds() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("prepare", prepareNanos.value() / 1e9);
    seconds.put("prepare_wait", prepareWaitNanos.value() / 1e9);
    seconds.put("explain", explainNanos.value() / 1e9);
    seconds.put("measure", measureNanos.value() / 1e9);
    return seconds;
  }

  /** Seconds from {@code startedEpochMillis} to the first explained batch, or -1 if none was. */
  double firstBatchSeconds(long startedEpochMillis) {
    return firstBatches.value().stream().mapToLong(Long::longValue).min().stream()
        .mapToDouble(first -> (first - startedEpochMillis) / 1000.0)
        .findFirst()
        .orElse(-1);
  }
}
