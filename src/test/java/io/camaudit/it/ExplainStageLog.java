package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The task ends and executor removals of a driver's event log (one JSON event per line), read for
 * what an executor loss did to the explain function. A task ran the explain function when it
 * reported the {@value #EXPLAIN_ACCUMULATOR} accumulator, which only that function adds to. The
 * explain stage is one whose partitions all succeeded in such a task: a stage that reads explained
 * rows back from the cache is not one, even where it recomputed a partition the lost executor held.
 */
final class ExplainStageLog {

  /** The accumulator each row through the explain function adds one to. */
  static final String EXPLAIN_ACCUMULATOR = "images done";

  /** One {@code SparkListenerTaskEnd}, in log order ({@code order}). */
  record TaskEnd(
      int order,
      long stage,
      int stageAttempt,
      long partition,
      String executor,
      String reason,
      boolean explained) {

    boolean succeeded() {
      return reason.equals("Success");
    }
  }

  private final List<TaskEnd> tasks;
  private final Set<String> removedExecutors;

  private ExplainStageLog(List<TaskEnd> tasks, Set<String> removedExecutors) {
    this.tasks = tasks;
    this.removedExecutors = removedExecutors;
  }

  static ExplainStageLog read(Path eventLog) throws Exception {
    List<TaskEnd> tasks = new ArrayList<>();
    Set<String> removed = new TreeSet<>();
    for (String line : Files.readAllLines(eventLog)) {
      JsonObject event = JsonParser.parseString(line).getAsJsonObject();
      switch (event.get("Event").getAsString()) {
        case "SparkListenerExecutorRemoved" -> removed.add(event.get("Executor ID").getAsString());
        case "SparkListenerTaskEnd" -> tasks.add(taskEnd(tasks.size(), event));
        default -> {}
      }
    }
    return new ExplainStageLog(tasks, removed);
  }

  private static TaskEnd taskEnd(int order, JsonObject event) {
    JsonObject info = event.getAsJsonObject("Task Info");
    assertTrue(info.has("Partition ID"), "the event log records each task's partition: " + info);
    boolean explained = false;
    for (JsonElement accumulable : info.getAsJsonArray("Accumulables")) {
      JsonElement name = accumulable.getAsJsonObject().get("Name");
      explained |= name != null && name.getAsString().equals(EXPLAIN_ACCUMULATOR);
    }
    return new TaskEnd(
        order,
        event.get("Stage ID").getAsLong(),
        event.get("Stage Attempt ID").getAsInt(),
        info.get("Partition ID").getAsLong(),
        info.get("Executor ID").getAsString(),
        event.getAsJsonObject("Task End Reason").get("Reason").getAsString(),
        explained);
  }

  /**
   * The stages in which every partition that succeeded did so in a task that ran the explain
   * function. Per partition, not per task: Spark takes the accumulator updates of a result stage's
   * partition from its first successful task only, so a second success of the same partition (a
   * task of the superseded stage attempt that finished after the resubmitted one) reports none.
   */
  Set<Long> explainStages() {
    Map<Long, Map<Long, Boolean>> explainedPartitions = new HashMap<>();
    tasks.stream()
        .filter(TaskEnd::succeeded)
        .forEach(
            task ->
                explainedPartitions
                    .computeIfAbsent(task.stage(), stage -> new HashMap<>())
                    .merge(task.partition(), task.explained(), Boolean::logicalOr));
    Set<Long> stages = new TreeSet<>();
    explainedPartitions.forEach(
        (stage, partitions) -> {
          if (!partitions.containsValue(false)) {
            stages.add(stage);
          }
        });
    return stages;
  }

  /**
   * Asserts that the driver removed {@code executor}, that tasks failed with {@code
   * ExecutorLostFailure} on it and on no other, each in an explain stage, and that each of their
   * partitions was then explained by a successful task of the same stage on another executor.
   */
  void assertLostAndExplainedAgain(String executor) {
    assertTrue(
        removedExecutors.contains(executor),
        "the driver removed executor " + executor + "; it removed " + removedExecutors);
    Set<Long> explainStages = explainStages();
    List<TaskEnd> lost =
        tasks.stream().filter(t -> t.reason().equals("ExecutorLostFailure")).toList();
    assertFalse(lost.isEmpty(), "a task failed with ExecutorLostFailure");
    Set<String> lostOn = new HashSet<>();
    lost.forEach(task -> lostOn.add(task.executor()));
    assertTrue(
        lostOn.equals(Set.of(executor)),
        "tasks were lost on the killed executor " + executor + " only, not on " + lostOn);
    for (TaskEnd task : lost) {
      assertTrue(
          explainStages.contains(task.stage()),
          "the lost task "
              + task
              + " ran in an explain stage; stages whose tasks all explained: "
              + explainStages);
      assertTrue(
          tasks.stream()
              .anyMatch(
                  later ->
                      later.order() > task.order()
                          && later.stage() == task.stage()
                          && later.partition() == task.partition()
                          && later.succeeded()
                          && later.explained()
                          && !later.executor().equals(executor)),
          "partition " + task.partition() + " of stage " + task.stage() + " explained again");
    }
  }
}
