package io.camaudit.spark.output;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.camaudit.metrics.group.GroupMetric;
import java.util.List;
import java.util.Map;

/**
 * The run summary written as JSON beside the tables ({@code summaries/<run_id>.json}).
 *
 * @param runId the run's id
 * @param startedAt ISO-8601 instant the job started
 * @param finishedAt ISO-8601 instant the outputs were complete
 * @param codeVersion version of this project that ran
 * @param model model location, name, digest, layer and method
 * @param settings the run's settings
 * @param counts read, processed and rejected inputs, and rejections per reason
 * @param modelLoads model loads on executors (one per executor JVM is expected)
 * @param executors ids of the executors that ran tasks
 * @param seconds wall-clock duration, seconds
 * @param imagesPerSecond processed images per second of wall-clock time
 * @param firstBatchSeconds seconds from the start to the first batch explained on any executor,
 *     or -1 when none was
 * @param taskSeconds seconds per stage of the executors' auditors, summed over tasks:
 *     {@code prepare} (read, decode, validate, preprocess, on the prepare threads),
 *     {@code prepare_wait} (the model's thread waiting for prepared images), {@code explain}
 *     (model and CAM), {@code measure} (metrics, PNG encoding)
 * @param shuffleBytes bytes the run's tasks wrote to shuffles (spreading the manifest)
 * @param groups group metrics with their intervals (the {@code group_metrics} rows)
 * @param baselineRunId the run compared with, or {@code null}
 * @param breaches group metrics that moved beyond their threshold against the baseline
 */
public record RunSummary(
    String runId,
    String startedAt,
    String finishedAt,
    String codeVersion,
    Map<String, String> model,
    Map<String, Object> settings,
    Counts counts,
    long modelLoads,
    List<String> executors,
    double seconds,
    double imagesPerSecond,
    double firstBatchSeconds,
    Map<String, Double> taskSeconds,
    long shuffleBytes,
    List<GroupMetric> groups,
    String baselineRunId,
    long breaches) {

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .setPrettyPrinting()
          .serializeNulls()
          .disableHtmlEscaping()
          .create();

  /**
   * Input accounting; {@code read == processed + rejected} always.
   *
   * @param read manifest rows read
   * @param processed rows explained
   * @param rejected rows rejected
   * @param rejectedByReason rejected rows per reason code
   */
  public record Counts(long read, long processed, long rejected,
      Map<String, Long> rejectedByReason) {}

  /** The summary as pretty-printed JSON. */
  public String toJson() {
    return GSON.toJson(this);
  }
}
