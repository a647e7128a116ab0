package io.camaudit.spark;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.audit.TargetSelection;
import io.camaudit.data.DecodeSettings;
import io.camaudit.model.Precision;
import java.io.Serializable;

/**
 * How a task explains images, for the batch job and the Spark ML transformer alike; travels to
 * executors. The defaults of its options are here, beside them.
 *
 * @param modelLocation where the model is ({@code builtin:NAME}, a path or a URI)
 * @param method the CAM method's name
 * @param targets which classes of each image to explain
 * @param batchSize images per model call
 * @param decoding file and pixel limits, and whether decoding is exact
 * @param device {@code auto} (Spark's gpu resource, else the CPU), {@code cpu}, {@code gpu} or
 *     {@code gpu:N}
 * @param precision the number type the model's features compute in
 * @param threads CPU threads of each task
 * @param measures what to measure on each heatmap
 */
public record ExplainSettings(
    String modelLocation,
    String method,
    TargetSelection targets,
    int batchSize,
    DecodeSettings decoding,
    String device,
    Precision precision,
    TaskThreads threads,
    MeasureSettings measures)
    implements Serializable {

  /** Images per model call unless set: throughput is flat from 4 on CPUs (docs/benchmarks.md). */
  public static final int DEFAULT_BATCH_SIZE = 16;

  /** The device unless set: Spark's gpu resource of the task, else the CPU. */
  public static final String DEFAULT_DEVICE = "auto";

  /** Checks the batch size and the device. */
  public ExplainSettings {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "Invalid --batch-size " + batchSize + ": expected a positive number");
    }
    device = TaskDevices.checked(device);
  }
}
