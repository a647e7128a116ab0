package io.camaudit.audit;

/**
 * Wall-clock time an {@link ImageAuditor} spent in each stage, for profiling: preparing inputs
 * (read, decode, validate, preprocess), explaining batches (model forward and backward, CAM
 * maps) and measuring maps (metrics, resampling, PNG encoding), and when its first batch was
 * explained. Updated by the auditor's single consuming thread; read when it is done.
 */
public final class StageTimes {

  private long prepareNanos;
  private long explainNanos;
  private long measureNanos;
  private long firstBatchEpochMillis = -1;

  void addPrepare(long nanos) {
    prepareNanos += nanos;
  }

  void addExplain(long nanos) {
    explainNanos += nanos;
    if (firstBatchEpochMillis < 0) {
      firstBatchEpochMillis = System.currentTimeMillis();
    }
  }

  void addMeasure(long nanos) {
    measureNanos += nanos;
  }

  /** Nanoseconds spent reading, decoding, validating and preprocessing inputs. */
  public long prepareNanos() {
    return prepareNanos;
  }

  /** Nanoseconds spent in the model and the CAM method. */
  public long explainNanos() {
    return explainNanos;
  }

  /** Nanoseconds spent measuring maps. */
  public long measureNanos() {
    return measureNanos;
  }

  /** When the first batch was explained (epoch milliseconds), or -1 before that. */
  public long firstBatchEpochMillis() {
    return firstBatchEpochMillis;
  }
}
