package io.camaudit.spark.output;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.nightly.Experiment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run summary written as JSON beside the tables ({@code summaries/<run_id>.json}): one flat
 * object, the fields of its parts inline.
 *
 * @param runId the run's id
 * @param period when the run started and finished
 * @param codeVersion version of this project that ran
 * @param model model location, name, digest, layer and method (strings), and its preprocessing
 *     ({@code input}, as its {@code model.json} has it)
 * @param settings the run's settings
 * @param counts read, processed and rejected inputs, and rejections per reason
 * @param execution how the executors ran it
 * @param comparison the group metrics, and how they moved against a baseline run
 * @param slices each class's top shortcut slice ({@code slices} rank 1), highest shortcut score
 *     first, undefined scores last
 */
public record RunSummary(
    String runId,
    Period period,
    String codeVersion,
    Map<String, ?> model,
    Map<String, Object> settings,
    Counts counts,
    Execution execution,
    Comparison comparison,
    List<SlicesTable.Slice> slices) {

  /** Components whose fields the JSON holds inline. */
  private static final Set<String> INLINE = Set.of("period", "execution", "comparison");

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setPrettyPrinting()
          .serializeNulls()
          .disableHtmlEscaping()
          .create();

  /**
   * When the run ran, and the instant it stands for.
   *
   * @param startedAt ISO-8601 instant the job started
   * @param finishedAt ISO-8601 instant the outputs were complete
   * @param asOf ISO-8601 instant the run stands for ({@code --as-of}, else {@code startedAt}): the
   *     order in which {@code --baseline-run latest} finds the run before
   */
  public record Period(String startedAt, String finishedAt, String asOf) {}

  /**
   * Input accounting; {@code read == processed + rejected} always.
   *
   * @param read manifest rows read
   * @param processed rows explained
   * @param rejected rows rejected
   * @param targetsExplained (image, class) pairs explained: {@code processed} with one class per
   *     image ({@code --targets})
   * @param rejectedByReason rejected rows per reason code
   */
  public record Counts(
      long read,
      long processed,
      long rejected,
      long targetsExplained,
      Map<String, Long> rejectedByReason) {}

  /**
   * How the executors ran the audit.
   *
   * @param modelLoads model loads that served tasks which succeeded (one per executor JVM that ran
   *     tasks is expected)
   * @param executors ids of the executors that ran tasks
   * @param seconds wall-clock duration, seconds
   * @param imagesPerSecond processed images per second of wall-clock time
   * @param firstBatchSeconds seconds from the start to the first batch explained on any executor,
   *     or -1 when none was
   * @param taskSeconds seconds per stage of the executors' auditors, summed over tasks: {@code
   *     prepare} (read, decode, validate, preprocess, on the prepare threads), {@code prepare_wait}
   *     (the model's thread waiting for prepared images), {@code explain} (model and CAM), {@code
   *     measure} (metrics, PNG encoding)
   * @param shuffleBytes bytes the run's tasks wrote to shuffles (spreading the manifest)
   */
  public record Execution(
      long modelLoads,
      List<String> executors,
      double seconds,
      double imagesPerSecond,
      double firstBatchSeconds,
      Map<String, Double> taskSeconds,
      long shuffleBytes) {}

  /**
   * The group metrics and the nightly comparison.
   *
   * @param groups group metrics with their intervals (the {@code group_metrics} rows)
   * @param baselineNote which baseline, and why, in words: e.g. {@code no baseline (first run)}
   * @param baselineRunId the run compared with, or {@code null}
   * @param baseline how the baseline was chosen and what it measured with, or {@code null}
   * @param breaches rows of {@code audit_diff} that breached
   * @param alert whether the run alerts (exit code 3): a breach, or a baseline of another
   *     experiment with {@code alert.on-model-change}
   */
  public record Comparison(
      List<GroupMetric> groups,
      String baselineNote,
      String baselineRunId,
      Baseline baseline,
      long breaches,
      boolean alert) {}

  /**
   * The baseline run of a comparison.
   *
   * @param chosenBy {@code latest} or {@code named}
   * @param asOf ISO-8601 instant the baseline stands for
   * @param experiment its model digest, layer, method and targets
   * @param differences how this run's experiment differs from it, in words; empty when the same
   */
  public record Baseline(
      String chosenBy, String asOf, Experiment experiment, List<String> differences) {}

  /** The summary as pretty-printed JSON, one flat object. */
  public String toJson() {
    JsonObject flat = new JsonObject();
    for (Map.Entry<String, JsonElement> field :
        GSON.toJsonTree(this).getAsJsonObject().entrySet()) {
      if (INLINE.contains(field.getKey())) {
        field
            .getValue()
            .getAsJsonObject()
            .entrySet()
            .forEach(e -> flat.add(e.getKey(), e.getValue()));
      } else {
        flat.add(field.getKey(), field.getValue());
      }
    }
    return GSON.toJson(flat);
  }
}
