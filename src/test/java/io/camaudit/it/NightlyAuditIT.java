package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.spark.output.TableFormat;
import io.camaudit.testing.IcebergRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nightly audit: a second night whose studio labels went wrong breaches the accuracy threshold
 * against the first night; the job writes everything, then exits 3, {@code audit_diff} names the
 * metric and group, and {@code audit_diff_images} the relabelled images behind it; on both table
 * formats (Parquet folders, Iceberg tables of a Hadoop catalog), the run summary and the COCO
 * export beside the tables, and on Iceberg the report read from the catalog. A model without a
 * features/head split fails fast with exit 2, in one line.
 */
class NightlyAuditIT {

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.camaudit.it.AuditStore#formats")
  void aThresholdBreachExitsThreeAndAuditDiffNamesMetricAndGroup(TableFormat format)
      throws Exception {
    if (format == TableFormat.ICEBERG) {
      IcebergRuntime.assumeAvailable();
    }
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(dir, "generate-demo-data", "--output", data.toString(), "--count", "60")
            .exitCode());
    Path config = dir.resolve("audit.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "group-cols = source",
            "bootstrap-replicates = 200",
            // 60 images over 3 sources: about 20 a group, under the default alert.min-images.
            "alert.min-images = 10",
            "max-change.accuracy = 0.05",
            "max-change.mean_energy_in_fraction = 0.9",
            "coco-tau = 0.15"));
    AuditStore output = new AuditStore(format, dir);

    JobProcess.Result first = audit(data.resolve("manifest.jsonl"), output, "night-1", config);
    assertEquals(0, first.exitCode(), first.output());

    Path drifted = data.resolve("drifted.jsonl");
    Files.write(
        drifted,
        DemoManifests.withWrongStudioLabels(Files.readAllLines(data.resolve("manifest.jsonl"))));
    JobProcess.Result second =
        audit(drifted, output, "night-2", config, "--baseline-run", "night-1");
    assertEquals(3, second.exitCode(), second.output());
    assertTrue(second.output().contains("audit_diff"), second.output());
    CleanConsole.assertClean(first);
    CleanConsole.assertClean(second);
    if (format == TableFormat.ICEBERG) {
      // The report reads the catalog's tables (Parquet folders: ReportIT, ReportFromSummaryIT).
      Path html = dir.resolve("night-2.html");
      JobProcess.Result report =
          JobProcess.run(
              dir,
              output.jvmOptions(),
              "report",
              "--output",
              output.output(),
              "--table-format",
              format.id(),
              "--run-id",
              "night-2",
              "--html",
              html.toString());
      assertEquals(0, report.exitCode(), report.output());
      String page = Files.readString(html);
      assertTrue(page.contains("night-1") && page.contains("studio"), "baseline and groups");
    }

    JsonObject summary =
        JsonParser.parseString(Files.readString(output.file("summaries/night-2.json")))
            .getAsJsonObject();
    assertEquals("night-1", summary.get("baseline_run_id").getAsString());
    assertTrue(summary.get("breaches").getAsLong() >= 1);
    JsonObject coco =
        JsonParser.parseString(Files.readString(output.file("boxes_coco/night-2.json")))
            .getAsJsonObject();
    assertEquals(60, coco.getAsJsonArray("images").size(), "the COCO export beside the summary");

    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      Dataset<Row> diff = output.table(spark, "audit_diff");
      Map<String, Boolean> breached = new TreeMap<>();
      for (Row row : diff.filter("breached").collectAsList()) {
        breached.put(row.getAs("metric") + "/" + row.getAs("group_value"), true);
        assertEquals("night-1", row.getAs("baseline_run_id"));
      }
      assertTrue(breached.containsKey("accuracy/studio"), breached.toString());
      assertTrue(
          breached.keySet().stream().allMatch(k -> k.startsWith("accuracy/")),
          "only accuracy has a tight threshold: " + breached);
      // Why: the studio images whose label changed, in both runs, right before and wrong after.
      Dataset<Row> images = output.table(spark, "audit_diff_images").filter("run_id = 'night-2'");
      Map<String, Boolean> explained = new TreeMap<>();
      for (Row row : images.select("metric", "group_value").distinct().collectAsList()) {
        explained.put(row.getString(0) + "/" + row.getString(1), true);
      }
      assertEquals(breached, explained, "images for every breach, and none besides");
      List<Row> studio =
          images.filter("metric = 'accuracy' AND group_value = 'studio'").collectAsList();
      assertTrue(!studio.isEmpty() && studio.size() <= 20, "at most 20 per presence: " + studio);
      for (Row row : studio) {
        assertEquals("both", row.getAs("presence"), row.toString());
        assertNotEquals(
            row.<String>getAs("label_before"), row.<String>getAs("label_after"), row.toString());
        assertEquals("night-1", row.getAs("baseline_run_id"));
      }
      assertTrue(
          studio.stream()
              .anyMatch(
                  r ->
                      Boolean.TRUE.equals(r.getAs("correct_before"))
                          && Boolean.FALSE.equals(r.getAs("correct_after"))
                          && r.<Double>getAs("shift") == -1.0),
          "a studio image right before and wrong after: " + studio);
      assertTrue(
          studio.get(0).<Long>getAs("presence_images") >= studio.size(), studio.get(0).toString());

      Row cameraA = diff.filter("metric = 'accuracy' AND group_value = 'camera-a'").first();
      assertEquals(false, cameraA.getAs("breached"));
      assertEquals(1, output.table(spark, "runs").filter("run_id = 'night-2'").count());
      assertEquals(diff.count(), diff.filter("run_id = 'night-2'").count());
    }
  }

  /**
   * What a new user tries first: a plain torch.jit.script of a model, no features/head. Refused on
   * the driver with one line, no stack trace and no task: run as its own process so that every line
   * the job prints is seen (the other option errors are checked in-process, {@code
   * cli.BadConfigurationTest}).
   */
  @Test
  void aPlainScriptedModelIsRefusedInOneLine() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(dir, "generate-demo-data", "--output", data.toString(), "--count", "4")
            .exitCode());
    Path plain = Files.createDirectories(dir.resolve("plain-model"));
    Files.copy(Path.of("src/test/resources/fixtures/plain-scripted.pt"), plain.resolve("m.pt"));
    Files.writeString(
        plain.resolve("model.json"),
        """
        {"name": "plain", "format": "torchscript", "weights": "m.pt", "layer": "0",
         "classes": ["circle", "square", "triangle"],
         "input": {"width": 32, "height": 32, "resize": "stretch",
                   "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}}
        """);
    JobProcess.Result plainModel =
        audit(
            data.resolve("manifest.jsonl"),
            new AuditStore(TableFormat.PARQUET, dir),
            "n",
            null,
            "--model",
            plain.toString());
    assertEquals(2, plainModel.exitCode(), plainModel.output());
    assertTrue(
        plainModel.output().contains("cam-audit: Invalid --model '" + plain + "'"),
        plainModel.output());
    assertTrue(plainModel.output().contains("'features' and 'head'"), plainModel.output());
    assertTrue(
        !plainModel.output().contains("Exception") && !plainModel.output().contains("Task "),
        "refused on the driver before any task, without a stack trace: " + plainModel.output());
  }

  private JobProcess.Result audit(
      Path manifest, AuditStore output, String runId, Path config, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--manifest",
                manifest.toString(),
                "--output",
                output.output(),
                "--run-id",
                runId));
    args.addAll(output.args());
    if (config != null) {
      // The configuration file supplies the group columns and bootstrap size.
      args.addAll(List.of("--config", config.toString()));
    } else {
      args.addAll(List.of("--group-cols", "source", "--bootstrap-replicates", "200"));
    }
    args.addAll(List.of(more));
    return JobProcess.run(dir, output.jvmOptions(), args.toArray(new String[0]));
  }
}
