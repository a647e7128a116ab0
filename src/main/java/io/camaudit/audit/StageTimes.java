package io.camaudit.audit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Time an {@link ImageAuditor} spent in each stage, for profiling: preparing inputs (read, decode,
 * validate, preprocess; summed over its prepare threads), waiting for prepared inputs on the
 * explaining thread (the model idle for want of input), explaining batches (model forward and
 * backward, CAM maps) and measuring maps (metrics, PNG encoding), and when its first batch was
 * explained. Safe to update from the prepare threads.
 */
public final class StageTimes {

  private final AtomicLong prepareNanos = new AtomicLong();
  private final AtomicLong prepareWaitNanos = new AtomicLong();
  private final AtomicLong explainNanos = new AtomicLong();
  private final AtomicLong measureNanos = new AtomicLong();
  private final AtomicLong firstBatchEpochMillis = new AtomicLong(-1);

  void addPrepare(long nanos) {
    prepareNanos.addAndGet(nanos);
  }

  void addPrepareWait(long nanos) {
    prepareWaitNanos.addAndGet(nanos);
  }

  void addExplain(long nanos) {
    explainNanos.addAndGet(nanos);
    firstBatchEpochMillis.compareAndSet(-1, System.currentTimeMillis());
  }

  void addMeasure(long nanos) {
    measureNanos.addAndGet(nanos);
  }

  /** Nanoseconds spent reading, decoding, validating and preprocessing inputs. */
  public long prepareNanos() {
    return prepareNanos.get();
  }

  /** Nanoseconds the explaining thread waited for prepared inputs. */
  public long prepareWaitNanos() {
    return prepareWaitNanos.get();
  }

  /** Nanoseconds spent in the model and the CAM method. */
  public long explainNanos() {
    return explainNanos.get();
  }

  /** Nanoseconds spent measuring maps. */
  public long measureNanos() {
    return measureNanos.get();
  }

  /** When the first batch was explained (epoch milliseconds), or -1 before that. */
  public long firstBatchEpochMillis() {
    return firstBatchEpochMillis.get();
  }
}
