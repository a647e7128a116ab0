package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.nightly.Experiment;
import org.junit.jupiter.api.Test;

class RunsTableTest {

  private static JsonObject summary(String settings) {
    return JsonParser.parseString(
            "{\"started_at\": \"2026-12-01T02:00:00Z\", \"model\": {\"digest\": \"d\","
                + " \"layer\": \"l\", \"method\": \"gradcam\"}, \"settings\": "
                + settings
                + "}")
        .getAsJsonObject();
  }

  @Test
  void aRunRecordedBeforeThePrecisionOptionComputedInFp32() {
    Experiment old = RunsTable.pastRun("old", summary("{\"targets\": \"label\"}")).experiment();
    assertEquals(new Experiment("d", "l", "gradcam", "label", "fp32"), old);
  }

  @Test
  void aRunsPrecisionIsReadFromItsSettings() {
    Experiment run =
        RunsTable.pastRun("new", summary("{\"targets\": \"label\", \"precision\": \"bf16\"}"))
            .experiment();
    assertEquals("bf16", run.precision());
  }
}
