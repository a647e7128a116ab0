package io.camaudit.spark;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.data.DecodeSettings;
import java.io.Serializable;
import java.util.List;

/**
 * What every task of an audit run needs to know; travels to executors.
 *
 * @param runId the run's id, the partition value of every table
 * @param modelLocation where the model is ({@code builtin:NAME}, a path or a URI)
 * @param method the CAM method's name
 * @param batchSize images per model call
 * @param decoding file and pixel limits, and whether decoding is exact
 * @param device {@code auto} (Spark's gpu resource, else the CPU), {@code cpu}, {@code gpu} or
 *     {@code gpu:N}
 * @param threads CPU threads of each task
 * @param groupColumns manifest columns passed through to {@code image_stats}
 * @param measures what to measure on each heatmap
 */
public record AuditSettings(
    String runId,
    String modelLocation,
    String method,
    int batchSize,
    DecodeSettings decoding,
    String device,
    TaskThreads threads,
    List<String> groupColumns,
    MeasureSettings measures)
    implements Serializable {

  /** Copies the group column list and checks the device. */
  public AuditSettings {
    groupColumns = List.copyOf(groupColumns);
    device = TaskDevices.checked(device);
  }
}
