package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.audit.PerturbationSettings;
import io.camaudit.spark.output.TableFormat;
import io.camaudit.testing.IcebergRuntime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real run of the application jar in Spark local mode on generated images plus bad inputs, into
 * Parquet folders and into Iceberg tables: every input is accounted for, the model loads once,
 * re-running the run id (with every optional output) replaces it, every table has its documented
 * columns in its Parquet files, and the console shows no stack trace and no warning.
 */
class LocalAuditIT {

  private static final int GOOD = 36;

  /** The share of images ROAD scores in the run: a few of them. */
  private static final double ROAD_SAMPLE = 0.2;

  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.camaudit.it.AuditStore#formats")
  void auditsTheDemoDataAccountsForEveryInputAndWritesTheDocumentedTables(TableFormat format)
      throws Exception {
    if (format == TableFormat.ICEBERG) {
      IcebergRuntime.assumeAvailable();
    }
    Path data = dir.resolve("data");
    JobProcess.Result generated =
        JobProcess.run(
            dir, "generate-demo-data", "--output", data.toString(), "--count", "" + GOOD);
    assertEquals(0, generated.exitCode(), generated.output());
    Files.write(data.resolve("images/empty.png"), new byte[0]);
    Files.writeString(data.resolve("images/text.jpg"), "not an image");
    Files.write(
        data.resolve("manifest.jsonl"),
        List.of(
            line("bad-empty", "images/empty.png", "circle", ""),
            line("bad-text", "images/text.jpg", "circle", ""),
            line("bad-missing", "images/missing.png", "circle", ""),
            line("bad-label", "images/demo-000000.png", "hexagon", ""),
            line(
                "bad-box",
                "images/demo-000000.png",
                "circle",
                "{\"x0\":-20,\"y0\":0,\"x1\":10,\"y1\":10,\"label\":\"circle\"}"),
            line("no-label", "images/demo-000001.png", null, "")),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    AuditStore output = new AuditStore(format, dir);
    List<String> audit = new ArrayList<>(output.args());
    audit.addAll(
        List.of(
            "--manifest",
            data.resolve("manifest.jsonl").toString(),
            "--output",
            output.output(),
            "--run-id",
            "it-run",
            "--group-cols",
            "source",
            "--partitions",
            "2",
            "--batch-size",
            "8",
            "--progress-seconds",
            "1",
            "--perturbation-sample",
            "1",
            "--faithfulness-sample",
            "" + ROAD_SAMPLE));
    JobProcess.Result first = audit(output, audit);
    assertEquals(0, first.exitCode(), first.output());
    CleanConsole.assertClean(first);
    assertTrue(
        first.output().contains("ProgressReporter: cam-audit it-run:"),
        "the driver logs progress:\n" + first.output());
    assertOverlays(output, false);

    // The re-run of the run id, with every optional output: it replaces the first run.
    List<String> rerun = new ArrayList<>(audit);
    rerun.addAll(
        List.of(
            "--heatmap-png",
            "--overlay-png",
            "viridis",
            "--coco-tau",
            "0.5",
            "--localisation-protocol",
            "wsol"));
    JobProcess.Result second = audit(output, rerun);
    assertEquals(0, second.exitCode(), second.output());
    CleanConsole.assertClean(second);

    JsonObject summary =
        JsonParser.parseString(Files.readString(output.file("summaries/it-run.json")))
            .getAsJsonObject();
    JsonObject counts = summary.getAsJsonObject("counts");
    assertEquals(GOOD + 6, counts.get("read").getAsLong());
    assertEquals(GOOD + 1, counts.get("processed").getAsLong());
    assertEquals(5, counts.get("rejected").getAsLong());
    assertEquals(1, summary.get("model_loads").getAsLong(), "one load in the one executor JVM");
    assertEquals(
        "builtin:demo-cnn", summary.getAsJsonObject("model").get("location").getAsString());

    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      Dataset<Row> stats = output.table(spark, "image_stats");
      assertEquals(GOOD + 1, stats.count(), "a re-run replaces its partition, never duplicates");
      assertEquals(GOOD + 1, stats.select("image_id").distinct().count());
      Row noLabel = stats.filter("image_id = 'no-label'").first();
      assertEquals("predicted", noLabel.getAs("target_source"));
      assertTrue(
          stats.filter("energy_in_fraction > 0 AND energy_in_fraction <= 1").count() >= GOOD);
      assertNull(noLabel.getAs("background_only_probability"), "no boxes, nothing to take out");
      assertEquals(
          GOOD,
          stats
              .filter("background_only_correct IS NOT NULL AND object_only_probability IS NOT NULL")
              .count(),
          "every labelled image with boxes");
      assertEquals(
          GOOD + 1,
          stats.filter("cam_mult_confidence_change BETWEEN -1 AND 1").count(),
          "every explained image, boxes or not");
      PerturbationSettings road = new PerturbationSettings(null, 1, ROAD_SAMPLE);
      Set<String> scored = new TreeSet<>();
      Set<String> sampled = new TreeSet<>();
      for (Row row : stats.collectAsList()) {
        String id = row.getAs("image_id");
        Double combined = row.getAs("road_combined");
        if (combined != null) {
          assertTrue(Math.abs(combined) <= 1, id + ": " + combined);
          scored.add(id);
        }
        if (road.roadSamples(id)) {
          sampled.add(id);
        }
      }
      assertFalse(sampled.isEmpty());
      assertEquals(sampled, scored, "ROAD scores exactly the images of its sample");
      // The demo model learnt the studio images' class-coloured tag, which lies outside the box:
      // with the object blurred away it still names their class; the cameras' images it does not.
      Map<String, Double> backgroundOnly = new TreeMap<>();
      for (Row row :
          output
              .table(spark, "group_metrics")
              .filter("metric = 'background_only_accuracy' AND group_column = 'source'")
              .collectAsList()) {
        backgroundOnly.put(row.getAs("group_value"), row.getAs("value"));
      }
      assertTrue(
          backgroundOnly.get("studio") >= 0.8
              && backgroundOnly.get("camera-a") <= 0.6
              && backgroundOnly.get("camera-b") <= 0.6,
          "background-only accuracy per source: " + backgroundOnly);

      Map<String, String> reasons = new TreeMap<>();
      for (Row row : output.table(spark, "rejected").collectAsList()) {
        reasons.put(row.getAs("image_id"), row.getAs("reason"));
      }
      assertEquals(
          Map.of(
              "bad-empty",
              "empty_file",
              "bad-text",
              "unsupported_format",
              "bad-missing",
              "unreadable_file",
              "bad-label",
              "unknown_label",
              "bad-box",
              "invalid_box"),
          reasons);

      Dataset<Row> boxes = output.table(spark, "boxes");
      assertEquals(
          GOOD + 1,
          boxes.filter("tau = 0.15 AND largest").count(),
          "every explained image has a largest region at the CAM box threshold");

      Dataset<Row> heatmaps = output.table(spark, "heatmaps");
      Row heatmap = heatmaps.first();
      assertEquals(16, (int) heatmap.getAs("map_height"));
      assertEquals(256, heatmap.getList(heatmap.fieldIndex("cam")).size());
      // The wsol protocol's own grid: per class and overall, 3 IoU thresholds × 2 box choices ×
      // 100 thresholds tau (the run's --thresholds would give 19).
      long curveRows = output.table(spark, "localisation_curve").count();
      assertTrue(curveRows > 0 && curveRows % (3 * 2 * 100) == 0, "curve rows " + curveRows);
    }
    assertOverlays(output, true);
    assertDocumentedTables(output);
  }

  private JobProcess.Result audit(AuditStore output, List<String> options) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(options);
    return JobProcess.run(dir, output.jvmOptions(), args.toArray(String[]::new));
  }

  /**
   * Without {@code --overlay-png} the column is null; with it (viridis), each overlay is on the
   * image's own pixels, in colour (demo images are under 256 pixels a side).
   */
  private static void assertOverlays(AuditStore output, boolean asked) throws Exception {
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      Row row =
          output
              .table(spark, "heatmaps")
              .join(output.table(spark, "image_stats"), "image_id")
              .first();
      if (!asked) {
        assertTrue(row.isNullAt(row.fieldIndex("overlay_png")), "no --overlay-png: null");
        return;
      }
      BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(row.getAs("overlay_png")));
      assertEquals((int) row.getAs("image_width"), overlay.getWidth());
      assertEquals((int) row.getAs("image_height"), overlay.getHeight());
      assertEquals(3, overlay.getColorModel().getNumColorComponents());
    }
  }

  /** Every documented table has its documented columns, for any Parquet reader. */
  private static void assertDocumentedTables(AuditStore output) throws Exception {
    JsonObject settings =
        JsonParser.parseString(Files.readString(output.file("summaries/it-run.json")))
            .getAsJsonObject()
            .getAsJsonObject("settings");
    assertEquals("wsol", settings.get("localisation_protocol").getAsString());
    assertEquals("viridis", settings.get("overlay_png").getAsString());
    Map<String, Map<String, String>> documented =
        DocumentedTables.read(Path.of("docs", "outputs.md"));
    for (String table :
        List.of(
            "heatmaps",
            "image_stats",
            "boxes",
            "localisation",
            "localisation_curve",
            "group_metrics",
            "group_disparities",
            "rejected",
            "runs")) {
      Map<String, String> expected = new java.util.LinkedHashMap<>(documented.get(table));
      if (table.equals("image_stats")) {
        expected.put("source", "string");
      }
      // Every table has files with its schema, run_id a string column of the files themselves.
      Path files = output.dataFiles(table);
      assertEquals(new TreeMap<>(expected), new TreeMap<>(ParquetSchemas.of(files)), table);
    }
    if (output.format() == TableFormat.PARQUET) {
      try (var paths = Files.walk(Path.of(output.output()))) {
        assertEquals(
            List.of(),
            paths.filter(p -> p.getFileName().toString().contains("=")).toList(),
            "no key=value folder for a reader to infer a partition column from");
      }
    }
    JsonObject coco =
        JsonParser.parseString(Files.readString(output.file("boxes_coco/it-run.json")))
            .getAsJsonObject();
    assertEquals(GOOD + 1, coco.getAsJsonArray("images").size());
    assertTrue(coco.getAsJsonArray("annotations").size() >= GOOD + 1);
    assertEquals(3, coco.getAsJsonArray("categories").size());
  }

  private static String line(String id, String path, String label, String box) {
    JsonObject json = new JsonObject();
    json.addProperty("image_id", id);
    json.addProperty("path", path);
    json.addProperty("label", label);
    json.addProperty("source", "camera-a");
    json.add("boxes", JsonParser.parseString("[" + box + "]"));
    return json.toString();
  }
}
