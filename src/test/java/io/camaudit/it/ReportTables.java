package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The audit tables a report is checked against, read with Spark in the test's JVM: every run's maps
 * and CAM boxes, and the reported run's group metrics and MaxBoxAcc curve.
 *
 * @param heatmaps {@code heatmaps} rows by (run, image)
 * @param camBoxes {@code image_stats} CAM boxes by (run, image), {x0, y0, x1, y1}
 * @param metrics the run's {@code group_metrics} rows by metric
 * @param curve the run's {@code localisation_curve} for class {@code *} at δ = 0.5: {τ, box
 *     accuracy} by regions, in τ order
 */
record ReportTables(
    Map<List<String>, Row> heatmaps,
    Map<List<String>, double[]> camBoxes,
    Map<String, List<Row>> metrics,
    Map<String, List<double[]>> curve) {

  static ReportTables read(SparkSession spark, Path output, String runId) {
    Map<List<String>, Row> heatmaps = new HashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(output.resolve("heatmaps").toString())
            .select("run_id", "image_id", "map_width", "map_height", "cam")
            .collectAsList()) {
      heatmaps.put(List.of(r.getString(0), r.getString(1)), r);
    }
    Map<List<String>, double[]> camBoxes = new HashMap<>();
    for (Row r :
        spark
            .read()
            .parquet(output.resolve("image_stats").toString())
            .filter("cam_box_x0 IS NOT NULL")
            .select("run_id", "image_id", "cam_box_x0", "cam_box_y0", "cam_box_x1", "cam_box_y1")
            .collectAsList()) {
      camBoxes.put(
          List.of(r.getString(0), r.getString(1)),
          new double[] {r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5)});
    }
    Map<String, List<Row>> metrics = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(output.resolve("group_metrics").toString())
            .filter("run_id = '" + runId + "'")
            .collectAsList()) {
      metrics.computeIfAbsent(r.getAs("metric"), k -> new ArrayList<>()).add(r);
    }
    Map<String, List<double[]>> curve = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(output.resolve("localisation_curve").toString())
            .filter("run_id = '" + runId + "' AND class = '*' AND abs(iou_threshold - 0.5) < 1e-4")
            .orderBy("tau")
            .collectAsList()) {
      curve
          .computeIfAbsent(r.getAs("regions"), k -> new ArrayList<>())
          .add(new double[] {r.getAs("tau"), r.getAs("box_accuracy")});
    }
    return new ReportTables(heatmaps, camBoxes, metrics, curve);
  }

  /** The {@code heatmaps} row of an image in a run. */
  Row heatmap(String runId, String imageId) {
    Row row = heatmaps.get(List.of(runId, imageId));
    assertNotNull(row, "a heatmaps row for image " + imageId + " in run " + runId);
    return row;
  }

  /** The map of a {@code heatmaps} row. */
  static float[] cam(Row heatmap) {
    List<Float> values = heatmap.getList(heatmap.fieldIndex("cam"));
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /**
   * The boxes a tile of an image may have drawn over its overlay: all of its manifest entry's and
   * its CAM box in the run; {x0, y0, x1, y1}, image pixels.
   */
  List<double[]> boxesOf(String runId, String imageId, JsonObject entry) {
    List<double[]> boxes = new ArrayList<>();
    for (JsonElement b : entry.getAsJsonArray("boxes")) {
      JsonObject box = b.getAsJsonObject();
      boxes.add(
          new double[] {
            box.get("x0").getAsDouble(),
            box.get("y0").getAsDouble(),
            box.get("x1").getAsDouble(),
            box.get("y1").getAsDouble()
          });
    }
    double[] cam = camBoxes.get(List.of(runId, imageId));
    if (cam != null) {
      boxes.add(cam);
    }
    return boxes;
  }
}
