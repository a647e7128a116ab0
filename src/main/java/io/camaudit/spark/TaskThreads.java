package io.camaudit.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * The CPU threads of one audit task, sized from the cores Spark gives the task ({@code
 * spark.task.cpus}, so that an executor's concurrent tasks together use its {@code
 * spark.executor.cores}) unless set: libtorch's intra-op threads, the threads that read, decode and
 * preprocess images, and how many batches they may prepare while the model explains one. On the CPU
 * the model and the preparation share the task's cores, so by default they take turns; on a GPU the
 * preparation runs ahead, so the device does not wait for it.
 *
 * @param intraOp libtorch intra-op threads per task; 0 for the task's cores
 * @param prepare prepare threads per task; 0 for the task's cores
 * @param batchesAhead batches prepared while the model explains one; -1 for {@value
 *     #GPU_BATCHES_AHEAD} on a GPU and 0 on the CPU
 */
public record TaskThreads(int intraOp, int prepare, int batchesAhead) implements Serializable {

  /** Batches prepared ahead of a GPU's. */
  static final int GPU_BATCHES_AHEAD = 2;

  /** Checks the counts. */
  public TaskThreads {
    if (intraOp < 0) {
      throw new IllegalArgumentException(
          "Invalid --intra-op-threads " + intraOp + ": expected 0 (spark.task.cpus) or more");
    }
    if (prepare < 0) {
      throw new IllegalArgumentException(
          "Invalid --prepare-threads " + prepare + ": expected 0 (spark.task.cpus) or more");
    }
    if (batchesAhead < -1) {
      throw new IllegalArgumentException(
          "Invalid --prefetch-batches "
              + batchesAhead
              + ": expected -1 (2 on a GPU, 0 on the CPU) or more");
    }
  }

  /** All sized from Spark and the device. */
  public static TaskThreads fromSpark() {
    return new TaskThreads(0, 0, -1);
  }

  /** Batches prepared ahead for a task whose model runs on a GPU or not. */
  int batchesAheadOn(boolean gpu) {
    return batchesAhead >= 0 ? batchesAhead : gpu ? GPU_BATCHES_AHEAD : 0;
  }

  /** Intra-op threads for the task running on this thread. */
  int intraOpForThisTask() {
    return intraOp > 0 ? intraOp : taskCpus();
  }

  /** Prepare threads for the task running on this thread. */
  int prepareForThisTask() {
    return prepare > 0 ? prepare : taskCpus();
  }

  /** The cores Spark gave the task on this thread; outside a task, the machine's. */
  static int taskCpus() {
    TaskContext task = TaskContext.get();
    return task == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus());
  }
}
