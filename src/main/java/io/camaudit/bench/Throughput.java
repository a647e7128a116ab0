package io.camaudit.bench;

import java.util.Arrays;

/**
 * Measures images per second of a batch operation: a warm-up, then repeats that each run whole
 * batches for at least a minimum time; the figure is the median repeat.
 */
final class Throughput {

  private final double warmUpSeconds;
  private final double repeatSeconds;

  /**
   * @param warmUpSeconds time spent running batches before any is timed
   * @param repeatSeconds least time of one timed repeat (at least one batch runs)
   */
  Throughput(double warmUpSeconds, double repeatSeconds) {
    this.warmUpSeconds = warmUpSeconds;
    this.repeatSeconds = repeatSeconds;
  }

  /** Runs {@code batch} until the warm-up time has passed. */
  void warmUp(Runnable batch) {
    timedRun(batch, 1, warmUpSeconds);
  }

  /** Images per second of one timed repeat of {@code batch}, which handles {@code batchSize}. */
  double repeat(Runnable batch, int batchSize) {
    return timedRun(batch, batchSize, repeatSeconds);
  }

  private static double timedRun(Runnable batch, int batchSize, double seconds) {
    long start = System.nanoTime();
    long images = 0;
    long elapsed;
    do {
      batch.run();
      images += batchSize;
      elapsed = System.nanoTime() - start;
    } while (elapsed < seconds * 1e9);
    return images / (elapsed / 1e9);
  }

  /** The median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
