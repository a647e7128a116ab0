package io.camaudit.spark;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a task's model runs on, from Spark's resource scheduling: the first {@code gpu}
 * address the task was given ({@code spark.task.resource.gpu.amount} with {@code
 * spark.executor.resource.gpu.amount} and a discovery script), numbered as CUDA numbers it under
 * {@code CUDA_VISIBLE_DEVICES}, else the CPU; or the device {@code --device} names ({@code cpu},
 * {@code gpu}, {@code gpu:N}), for local mode on a machine with a GPU, where Spark schedules no
 * resources.
 */
final class TaskDevices {

  /** Spark's name of the GPU resource. */
  static final String GPU = "gpu";

  private TaskDevices() {}

  /** The device {@code --device} chooses: {@code auto} (Spark's resources), cpu, gpu, gpu:N. */
  static Device chosen(String choice) {
    String value = choice.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("auto")) {
      return current();
    }
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    if (value.equals("gpu")) {
      return Device.gpu(0);
    }
    if (value.startsWith("gpu:")) {
      try {
        return Device.gpu(Integer.parseInt(value.substring(4)));
      } catch (NumberFormatException e) {
        throw invalidDevice(choice);
      }
    }
    throw invalidDevice(choice);
  }

  /** Checks a {@code --device} value on the driver. */
  static String checked(String choice) {
    String value = choice.trim().toLowerCase(java.util.Locale.ROOT);
    if (!value.matches("auto|cpu|gpu|gpu:[0-9]+")) {
      throw invalidDevice(choice);
    }
    return value;
  }

  private static IllegalArgumentException invalidDevice(String choice) {
    return new IllegalArgumentException(
        "Invalid --device '"
            + choice
            + "': expected auto (Spark's"
            + " gpu resource, else the CPU), cpu, gpu or gpu:N");
  }

  /** The device for the task running on this thread (the CPU outside a task). */
  static Device current() {
    TaskContext task = TaskContext.get();
    return task == null ? Device.cpu() : of(task.resourcesJMap(), System.getenv());
  }

  /**
   * The device for a task holding {@code resources} in a process with {@code environment}: its
   * first gpu address as a CUDA device index ({@link CudaVisibleDevices}).
   */
  static Device of(Map<String, ResourceInformation> resources, Map<String, String> environment) {
    ResourceInformation gpus = resources.get(GPU);
    if (gpus == null || gpus.addresses().length == 0) {
      return Device.cpu();
    }
    return Device.gpu(CudaVisibleDevices.of(environment).ordinal(gpus.addresses()[0]));
  }
}
