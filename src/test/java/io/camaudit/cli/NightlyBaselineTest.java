package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.ShortcutDatasetGenerator;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --baseline-run latest} as the nightly launcher passes it, in this JVM: the first night
 * says it has no baseline and exits 0; a night with another CAM method names what differs, and
 * alerts on it only with {@code alert.on-model-change = true}; a named run that is not there fails
 * fast with exit 2. The nights run on one session started here, as a scheduler's driver or a
 * notebook would hold it: each command uses it and leaves it running.
 */
class NightlyBaselineTest {

  @TempDir static Path dir;
  private static Path manifest;

  private static SparkSession spark;

  @BeforeAll
  static void dataAndSession() throws Exception {
    manifest = DatasetWriter.write(new ShortcutDatasetGenerator(3), 24, dir.resolve("data")).file();
    spark = LocalSpark.start("scheduler");
  }

  @AfterAll
  static void stopSession() {
    spark.stop();
  }

  private static InProcessRun.Outcome night(String date, Path config, String... more) {
    return audit(date, "latest", config, more);
  }

  private static InProcessRun.Outcome audit(
      String date, String baseline, Path config, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--manifest",
                manifest.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--run-id",
                date,
                "--as-of",
                date,
                "--baseline-run",
                baseline,
                "--config",
                config.toString(),
                "--bootstrap-replicates",
                "200"));
    args.addAll(List.of(more));
    return InProcessRun.run(args);
  }

  private static JsonObject summary(String runId) throws Exception {
    return JsonParser.parseString(Files.readString(dir.resolve("out/summaries/" + runId + ".json")))
        .getAsJsonObject();
  }

  @Test
  void firstNightThenAnotherExperiment() throws Exception {
    Path quiet = dir.resolve("quiet.properties");
    Files.writeString(quiet, "group-cols = source\n");
    Path strict = dir.resolve("strict.properties");
    Files.writeString(strict, "group-cols = source\nalert.on-model-change = true\n");

    InProcessRun.Outcome first = night("2026-11-01", quiet);
    assertEquals(0, first.exitCode(), first.stderr());
    assertTrue(first.stdout().contains("baseline: no baseline (first run)"), first.stdout());
    assertTrue(summary("2026-11-01").get("baseline_run_id").isJsonNull());

    assertEquals(0, night("2026-11-02", quiet, "--method", "layercam").exitCode());
    JsonObject second = summary("2026-11-02");
    assertEquals("2026-11-01", second.get("baseline_run_id").getAsString());
    assertEquals(
        "[\"method gradcam -> layercam\"]",
        second.getAsJsonObject("baseline").get("differences").toString());
    assertEquals(false, second.get("alert").getAsBoolean());

    assertEquals(
        Main.EXIT_THRESHOLD_BREACHED,
        night("2026-11-03", strict, "--method", "gradcam").exitCode());
    JsonObject third = summary("2026-11-03");
    assertEquals("2026-11-02", third.get("baseline_run_id").getAsString());
    assertEquals(true, third.get("alert").getAsBoolean());
    assertEquals(0, third.get("breaches").getAsLong());

    InProcessRun.Outcome missing = audit("2026-11-04", "2026-10-31", quiet);
    assertEquals(Main.EXIT_INVALID_CONFIGURATION, missing.exitCode());
    assertTrue(
        missing
            .stderr()
            .contains("Invalid --baseline-run '2026-10-31': no complete run of that id"),
        missing.stderr());
    assertFalse(spark.sparkContext().isStopped(), "no command stopped the session it found");
  }
}
