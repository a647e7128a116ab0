package io.camaudit.spark;

import ai.djl.Device;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelCache;
import io.camaudit.model.ModelInfo;
import io.camaudit.model.ModelLoader;
import io.camaudit.model.TorchThreads;
import io.camaudit.spark.input.HadoopConf;
import io.camaudit.spark.input.HadoopFiles;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * What a Spark task needs to explain its partition: the executor's cached model (one load per JVM,
 * location, device and model version; the device from {@link TaskDevices}) and an {@link
 * ImageAuditor} over it that reads images through Hadoop's file systems. Shared by the batch job
 * ({@link AuditPartitionFunction}) and the Spark ML {@code CamTransformer}. Close it when the task
 * is done with the model.
 *
 * @param lease the task's hold on the executor's model
 * @param auditor an auditor for this partition (it keeps per-partition stage times)
 */
public record TaskAuditor(ModelCache.Lease lease, ImageAuditor auditor) implements AutoCloseable {

  /** The executor's model. */
  public LoadedModel model() {
    return lease.model();
  }

  /** Stops the auditor's threads and releases the task's hold on the model. */
  @Override
  public void close() {
    auditor.close();
    lease.close();
  }

  /**
   * A {@link Setup} that the driver checked, pinned to the version of the model it saw.
   *
   * @param model the model's identity
   * @param setup the setup for the tasks
   */
  public record Checked(ModelInfo model, Setup setup) {}

  /** How to build a task's auditor; travels to executors with a task's closure. */
  public static final class Setup implements Serializable {

    private static final long serialVersionUID = 3L;

    private final ExplainSettings explain;
    private final HadoopConf hadoop;

    /** The model version the driver checked; null before {@link #check}. */
    private final String digest;

    private Setup(ExplainSettings explain, HadoopConf hadoop, String digest) {
      this.explain = explain;
      this.hadoop = hadoop;
      this.digest = digest;
    }

    /** A setup reading images and models through {@code hadoop} (the driver's configuration). */
    public static Setup of(ExplainSettings explain, Configuration hadoop) {
      return new Setup(explain, new HadoopConf(hadoop), null);
    }

    /** The model's spec and digest, without loading it. */
    public ModelInfo describeModel() {
      return ModelLoader.describe(
          explain.modelLocation(), files().modelLocator().localDirectory(explain.modelLocation()));
    }

    /**
     * Checks on the driver, before any task runs, that the model can be read, loaded and can
     * explain one image, with the right gradient ({@link LoadedModel#selfTest}), and pins the setup
     * to the version it saw: tasks load that version or fail, and an executor that holds an older
     * version of the same location loads the new one. When the tasks run in this JVM (Spark's local
     * mode) the model loaded here is the one they use; otherwise it is closed after the check.
     *
     * @param tasksInThisJvm whether the tasks run in this JVM
     * @throws IllegalArgumentException saying why the model cannot be used
     */
    public Checked check(boolean tasksInThisJvm) {
      ModelInfo info = describeModel();
      Setup pinned = new Setup(explain, hadoop, info.digest());
      TorchThreads.requestInterOpThreads(explain.threads().intraOpForThisTask());
      try {
        if (tasksInThisJvm) {
          pinned.acquire(Device.cpu()).close();
        } else {
          pinned.load(Device.cpu()).close();
        }
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "the model cannot explain one image: " + e.getMessage(), e);
      }
      return new Checked(info, pinned);
    }

    /**
     * The auditor for the Spark task running on this thread, closed when the task completes.
     *
     * @throws IllegalStateException when the setup was not {@link #check checked}
     */
    public TaskAuditor openForThisTask() {
      TaskAuditor task = open();
      TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> task.close());
      return task;
    }

    /**
     * The auditor for the task running on this thread; the caller closes it.
     *
     * @throws IllegalStateException when the setup was not {@link #check checked}
     */
    TaskAuditor open() {
      TaskThreads threads = explain.threads();
      TorchThreads.requestInterOpThreads(threads.intraOpForThisTask());
      Device taskDevice = TaskDevices.chosen(explain.device());
      ModelCache.Lease lease = acquire(taskDevice);
      TorchThreads.useIntraOpThreads(threads.intraOpForThisTask());
      ImageAuditor auditor =
          ImageAuditor.of(
              lease.model(),
              explain.method(),
              explain.targets(),
              explain.decoding(),
              files()::read,
              explain.batchSize(),
              threads.prepareForThisTask(),
              threads.batchesAheadOn(taskDevice.isGpu()),
              explain.measures());
      return new TaskAuditor(lease, auditor);
    }

    private ModelCache.Lease acquire(Device device) {
      if (digest == null) {
        throw new IllegalStateException("The model setup was not checked on the driver");
      }
      String slot = explain.modelLocation() + "@" + device + "@" + explain.precision().optionName();
      return ModelCache.acquire(slot, digest, () -> load(device));
    }

    /**
     * Loads the model and tests it ({@link LoadedModel#selfTest}) on the device that runs it: each
     * executor checks its own machine's gradients.
     */
    private LoadedModel load(Device device) {
      String location = explain.modelLocation();
      LoadedModel model =
          ModelLoader.load(
              location,
              files().modelLocator().localDirectory(location),
              device,
              explain.precision());
      try {
        model.selfTest();
        return model;
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }

    private HadoopFiles files() {
      return new HadoopFiles(hadoop.get(), explain.decoding().maxFileBytes());
    }
  }
}
