package io.camaudit.spark.output;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.model.Precision;
import io.camaudit.nightly.Experiment;
import io.camaudit.nightly.PastRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The {@code runs} table: one row per run, the run summary in columns. */
public final class RunsTable {

  private RunsTable() {}

  /** Stages {@code summary}'s row. */
  public static void write(SparkSession spark, RunWriter run, RunSummary summary) {
    run.writeTable(
        spark.createDataFrame(List.of(row(summary)), OutputTable.RUNS.schema()).coalesce(1),
        OutputTable.RUNS);
  }

  /** {@code summary}'s row. */
  static Row row(RunSummary summary) {
    RunSummary.Counts counts = summary.counts();
    RunSummary.Execution execution = summary.execution();
    return TableRow.of(OutputTable.RUNS)
        .set(OutputColumns.STARTED_AT, summary.period().startedAt())
        .set(OutputColumns.FINISHED_AT, summary.period().finishedAt())
        .set(OutputColumns.CODE_VERSION, summary.codeVersion())
        .set(OutputColumns.MODEL_LOCATION, summary.model().get("location"))
        .set(OutputColumns.MODEL_NAME, summary.model().get("name"))
        .set(OutputColumns.MODEL_DIGEST, summary.model().get("digest"))
        .set(OutputColumns.LAYER, summary.model().get("layer"))
        .set(OutputColumns.METHOD, summary.model().get("method"))
        .set(OutputColumns.IMAGES_READ, counts.read())
        .set(OutputColumns.IMAGES_PROCESSED, counts.processed())
        .set(OutputColumns.IMAGES_REJECTED, counts.rejected())
        .set(OutputColumns.MODEL_LOADS, execution.modelLoads())
        .set(OutputColumns.EXECUTORS, execution.executors().toArray(new String[0]))
        .set(OutputColumns.SECONDS, execution.seconds())
        .set(OutputColumns.IMAGES_PER_SECOND, execution.imagesPerSecond())
        .set(OutputColumns.SUMMARY_JSON, summary.toJson())
        .set(OutputColumns.RUN_ID, summary.runId())
        .build();
  }

  /**
   * The complete runs in {@code store}: every run with a committed {@code runs} row (call after
   * {@link RunStore#recover}, which finishes any replacement cut short).
   */
  public static List<PastRun> history(RunStore store) {
    Optional<Dataset<Row>> table = store.readAll(OutputTable.RUNS);
    if (table.isEmpty()) {
      return List.of();
    }
    List<PastRun> runs = new ArrayList<>();
    for (Row row :
        table
            .get()
            .select(OutputColumns.RUN_ID.col(), OutputColumns.SUMMARY_JSON.col())
            .collectAsList()) {
      runs.add(
          pastRun(row.getString(0), JsonParser.parseString(row.getString(1)).getAsJsonObject()));
    }
    return runs;
  }

  /** A run as its summary describes it; runs written before {@code as_of} stand for their start. */
  static PastRun pastRun(String runId, JsonObject summary) {
    String asOf = summary.has("as_of") ? "as_of" : "started_at";
    JsonObject model = summary.getAsJsonObject("model");
    return new PastRun(
        runId,
        Instant.parse(summary.get(asOf).getAsString()),
        new Experiment(
            text(model, "digest"),
            text(model, "layer"),
            text(model, "method"),
            text(summary.getAsJsonObject("settings"), "targets"),
            Objects.requireNonNullElse(
                text(summary.getAsJsonObject("settings"), "precision"),
                Precision.FP32.optionName())));
  }

  private static String text(JsonObject object, String field) {
    return object.has(field) && !object.get(field).isJsonNull()
        ? object.get(field).getAsString()
        : null;
  }
}
