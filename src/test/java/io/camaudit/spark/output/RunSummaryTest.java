package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.data.Preprocessing;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.model.ModelSpec;
import io.camaudit.nightly.Experiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  @Test
  void jsonIsOneFlatObjectInTheDocumentedOrder() {
    RunSummary summary =
        new RunSummary(
            "night-2",
            new RunSummary.Period(
                "2026-11-29T01:00:00Z", "2026-11-29T01:05:00Z", "2026-11-29T00:00:00Z"),
            "1.0",
            Map.of("name", "demo-cnn", "input", ModelSpec.inputJson(Preprocessing.imagenet())),
            Map.of("batch_size", 16),
            new RunSummary.Counts(10, 9, 1, 9, Map.of("corrupt_image", 1L)),
            new RunSummary.Execution(
                2, List.of("0", "1"), 300.0, 0.03, 12.5, Map.of("explain", 4.0), 2048),
            new RunSummary.Comparison(
                List.of(new GroupMetric("*", "*", "accuracy", 9, 1.0, 1.0, 1.0)),
                "night-1: the latest complete run before 2026-11-29T00:00:00Z",
                "night-1",
                new RunSummary.Baseline(
                    "latest",
                    "2026-11-28T00:00:00Z",
                    new Experiment("abc", "features.4", "gradcam", "label", "fp32"),
                    List.of("method gradcam -> layercam")),
                3,
                true),
            List.of());
    JsonObject json = JsonParser.parseString(summary.toJson()).getAsJsonObject();
    assertEquals(
        List.of(
            "run_id",
            "started_at",
            "finished_at",
            "as_of",
            "code_version",
            "model",
            "settings",
            "counts",
            "model_loads",
            "executors",
            "seconds",
            "images_per_second",
            "first_batch_seconds",
            "task_seconds",
            "shuffle_bytes",
            "groups",
            "baseline_note",
            "baseline_run_id",
            "baseline",
            "breaches",
            "alert",
            "slices"),
        List.copyOf(json.keySet()));
    assertEquals("2026-11-29T01:05:00Z", json.get("finished_at").getAsString());
    assertEquals(12.5, json.get("first_batch_seconds").getAsDouble());
    assertEquals(1, json.getAsJsonObject("counts").get("rejected").getAsLong());
    assertEquals("night-1", json.get("baseline_run_id").getAsString());
    assertEquals(
        "abc",
        json.getAsJsonObject("baseline")
            .getAsJsonObject("experiment")
            .get("model_digest")
            .getAsString());
    assertEquals(
        "accuracy",
        json.getAsJsonArray("groups").get(0).getAsJsonObject().get("metric").getAsString());
    JsonObject input = json.getAsJsonObject("model").getAsJsonObject("input");
    assertEquals("center-crop", input.get("resize").getAsString(), "as model.json writes it");
    assertEquals(256, input.get("resize_shorter").getAsInt());
    assertEquals(Preprocessing.imagenet(), ModelSpec.inputOf(input), "read back");
  }
}
