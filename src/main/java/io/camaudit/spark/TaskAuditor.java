package io.camaudit.spark;

import ai.djl.Device;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.audit.MeasureSettings;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelCache;
import io.camaudit.model.ModelInfo;
import io.camaudit.model.ModelLoader;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * What a Spark task needs to explain its partition: the executor's cached model (one load per
 * JVM, location and device; the device from {@link TaskDevices}) and an {@link ImageAuditor} over
 * it that reads images through Hadoop's file systems. Shared by the batch job
 * ({@link AuditPartitionFunction}) and the Spark ML {@code CamTransformer}.
 *
 * @param model the executor's model
 * @param auditor an auditor for this partition (it keeps per-partition stage times)
 */
public record TaskAuditor(LoadedModel model, ImageAuditor auditor) {

  /** How to build a task's auditor; travels to executors with a task's closure. */
  public static final class Setup implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String modelLocation;
    private final String method;
    private final int batchSize;
    private final long maxPixels;
    private final long maxFileBytes;
    private final MeasureSettings measures;
    private final HadoopConf hadoop;

    private Setup(
        String modelLocation,
        String method,
        int batchSize,
        long maxPixels,
        long maxFileBytes,
        MeasureSettings measures,
        HadoopConf hadoop) {
      this.modelLocation = modelLocation;
      this.method = method;
      this.batchSize = batchSize;
      this.maxPixels = maxPixels;
      this.maxFileBytes = maxFileBytes;
      this.measures = measures;
      this.hadoop = hadoop;
    }

    /** The setup of a batch audit run. */
    static Setup of(AuditSettings settings, HadoopConf hadoop) {
      return new Setup(
          settings.modelLocation(), settings.method(), settings.batchSize(), settings.maxPixels(),
          settings.maxFileBytes(), settings.measures(), hadoop);
    }

    /**
     * A setup reading images and models through {@code hadoop} (the driver's configuration).
     *
     * @param modelLocation where the model is ({@code builtin:NAME}, a path or a URI)
     * @param method the CAM method's name
     * @param batchSize images per model call
     * @param maxPixels images declaring more pixels are rejected before decoding
     * @param maxFileBytes larger files are rejected before reading
     * @param measures what to measure on each heatmap
     */
    public static Setup of(
        String modelLocation,
        String method,
        int batchSize,
        long maxPixels,
        long maxFileBytes,
        MeasureSettings measures,
        Configuration hadoop) {
      return new Setup(
          modelLocation, method, batchSize, maxPixels, maxFileBytes, measures,
          new HadoopConf(hadoop));
    }

    /** The model's spec and digest, without loading it (on the driver, for validation). */
    public ModelInfo describeModel() {
      HadoopFiles files = new HadoopFiles(hadoop.get(), maxFileBytes);
      return ModelLoader.describe(modelLocation, files.modelLocator().localDirectory(modelLocation));
    }

    /**
     * The auditor for the task running on this thread.
     *
     * @param onLoad told when this call actually loads the model (not on cache hits)
     */
    public TaskAuditor open(Runnable onLoad) {
      HadoopFiles files = new HadoopFiles(hadoop.get(), maxFileBytes);
      Device device = TaskDevices.current();
      LoadedModel model =
          ModelCache.get(
              modelLocation + "@" + device,
              () ->
                  ModelLoader.load(
                      modelLocation, files.modelLocator().localDirectory(modelLocation), device),
              onLoad);
      ImageAuditor auditor =
          ImageAuditor.of(model, method, maxPixels, files::read, batchSize, measures);
      return new TaskAuditor(model, auditor);
    }
  }
}
