package io.camaudit.spark;

import io.camaudit.spark.compat.SparkCompat;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;

/**
 * Logs the audit's progress from the driver every few seconds: images done, images per second and
 * the time left. Finished tasks report their count when they end; running tasks report their count
 * so far with their executor's heartbeat ({@code spark.executor.heartbeatInterval}, 10 s by
 * default), so the figure moves during long partitions too.
 */
final class ProgressReporter extends SparkListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private final SparkContext spark;
  private final long accumulatorId;
  private final long total;
  private final String what;
  private final long startNanos = System.nanoTime();
  private final AtomicLong finished = new AtomicLong();
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  private ProgressReporter(SparkContext spark, long accumulatorId, long total, String what) {
    this.spark = spark;
    this.accumulatorId = accumulatorId;
    this.total = total;
    this.what = what;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "cam-audit-progress");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts logging every {@code period} the count of the accumulator with the given id. */
  static ProgressReporter start(
      SparkContext spark, long accumulatorId, long total, String what, Duration period) {
    ProgressReporter reporter = new ProgressReporter(spark, accumulatorId, total, what);
    spark.addSparkListener(reporter);
    // The timer is shut down by close(); the schedule's future is never needed.
    var unused =
        reporter.timer.scheduleAtFixedRate(
            reporter::log, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return reporter;
  }

  /** Images counted so far: finished tasks plus the latest heartbeat of running ones. */
  long done() {
    return finished.get() + running.values().stream().mapToLong(Long::longValue).sum();
  }

  private void log() {
    long done = Math.min(done(), total);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    if (done == total) {
      LOG.info("{}: all {} images explained or rejected; writing the tables", what, total);
      timer.shutdown();
      return;
    }
    String left =
        rate > 0
            ? String.format("about %.0f s left", (total - done) / rate)
            : "time left unknown yet";
    LOG.info(
        "{}: {}/{} images ({}%), {} images/s, {}",
        what, done, total, done * 100 / total, String.format("%.1f", rate), left);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    running.remove(end.taskInfo().taskId());
    if (end.taskInfo().successful()) {
      finished.addAndGet(count(end.taskInfo().accumulables()));
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, ? extends scala.collection.Seq<AccumulableInfo>> task :
        SparkCompat.asList(update.accumUpdates())) {
      long count = count(task._4());
      if (count > 0) {
        running.put((Long) task._1(), count);
      }
    }
  }

  private long count(scala.collection.Seq<AccumulableInfo> accumulables) {
    long count = 0;
    for (AccumulableInfo info : SparkCompat.asList(accumulables)) {
      if (info.id() == accumulatorId && info.update().isDefined()) {
        count += ((Number) info.update().get()).longValue();
      }
    }
    return count;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.removeSparkListener(this);
  }
}
