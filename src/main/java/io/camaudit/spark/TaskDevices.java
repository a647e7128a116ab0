package io.camaudit.spark;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a task's model runs on, from Spark's resource scheduling: the first {@code gpu}
 * address the task was given ({@code spark.task.resource.gpu.amount} with
 * {@code spark.executor.resource.gpu.amount} and a discovery script), else the CPU.
 */
final class TaskDevices {

  /** Spark's name of the GPU resource. */
  static final String GPU = "gpu";

  private TaskDevices() {}

  /** The device for the task running on this thread (the CPU outside a task). */
  static Device current() {
    TaskContext task = TaskContext.get();
    return task == null ? Device.cpu() : of(task.resourcesJMap());
  }

  /** The device for a task holding {@code resources}. */
  static Device of(Map<String, ResourceInformation> resources) {
    ResourceInformation gpus = resources.get(GPU);
    if (gpus == null || gpus.addresses().length == 0) {
      return Device.cpu();
    }
    String address = gpus.addresses()[0];
    try {
      return Device.gpu(Integer.parseInt(address.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid gpu address '" + address + "' from Spark's resource discovery: expected a"
              + " CUDA device index (check the discovery script in conf/)", e);
    }
  }
}
