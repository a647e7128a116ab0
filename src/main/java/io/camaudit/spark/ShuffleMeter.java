package io.camaudit.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the shuffle bytes that finished tasks wrote while it is registered: what a run moves
 * between executors (spreading the manifest, its duplicate check), for sizing clusters.
 */
final class ShuffleMeter extends SparkListener implements AutoCloseable {

  private final SparkContext spark;
  private final AtomicLong bytes = new AtomicLong();

  private ShuffleMeter(SparkContext spark) {
    this.spark = spark;
  }

  /** A meter registered with {@code spark} until closed. */
  static ShuffleMeter start(SparkContext spark) {
    ShuffleMeter meter = new ShuffleMeter(spark);
    spark.addSparkListener(meter);
    return meter;
  }

  /** Shuffle bytes written so far. */
  long bytes() {
    return bytes.get();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskMetrics() != null) {
      bytes.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
    }
  }

  @Override
  public void close() {
    spark.removeSparkListener(this);
  }
}
