package io.camaudit.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * The CPU threads of one audit task, sized from the cores Spark gives the task
 * ({@code spark.task.cpus}, so that an executor's concurrent tasks together use its
 * {@code spark.executor.cores}) unless set: libtorch's intra-op threads, and the threads that
 * read, decode and preprocess images ahead of the model.
 *
 * @param intraOp libtorch intra-op threads per task; 0 for the task's cores
 * @param prepare prepare threads per task; 0 for the task's cores
 */
public record TaskThreads(int intraOp, int prepare) implements Serializable {

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
  }

  /** Both sized from Spark. */
  public static TaskThreads fromSpark() {
    return new TaskThreads(0, 0);
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
