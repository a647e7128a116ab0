package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar audits a COCO instances file: the demo data is audited once with {@code
 * --coco-tau}, and the COCO file that run exports is audited again (format detected from the
 * content), with group columns from a {@code --groups-table} side table.
 */
class CocoRoundTripIT {

  private static final int COUNT = 12;

  @TempDir Path dir;

  @Test
  void auditsItsOwnCocoExportWithSideTableGroups() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(
                dir, "generate-demo-data", "--output", data.toString(), "--count", "" + COUNT)
            .exitCode());
    Path output = dir.resolve("out");
    JobProcess.Result first =
        JobProcess.audit(
            dir,
            data.resolve("manifest.jsonl").toString(),
            output.toString(),
            "first",
            "--coco-tau",
            "0.15",
            "--images-root",
            data.toString(),
            "--coco-top-k",
            "1",
            "--coco-min-area",
            "16");
    assertEquals(0, first.exitCode(), first.output());
    Path coco = output.resolve("boxes_coco/first.json");
    assertTrue(Files.isRegularFile(coco));
    JsonObject export = JsonParser.parseString(Files.readString(coco)).getAsJsonObject();
    Map<Long, Integer> boxesPerImage = new HashMap<>();
    for (JsonElement image : export.getAsJsonArray("images")) {
      String fileName = image.getAsJsonObject().get("file_name").getAsString();
      assertTrue(fileName.startsWith("images/"), "relative to --images-root: " + fileName);
    }
    for (JsonElement annotation : export.getAsJsonArray("annotations")) {
      JsonObject a = annotation.getAsJsonObject();
      assertTrue(a.get("area").getAsDouble() >= 16, a.toString());
      boxesPerImage.merge(a.get("image_id").getAsLong(), 1, Integer::sum);
    }
    assertEquals(COUNT, boxesPerImage.size(), "each demo image keeps its top box");
    assertTrue(boxesPerImage.values().stream().allMatch(n -> n == 1), "--coco-top-k 1");

    // COCO image ids are 1..COUNT; odd ones on one site, even ones on another, 12 left out.
    List<String> side = new ArrayList<>(List.of("image_id,site"));
    for (int id = 1; id < COUNT; id++) {
      side.add(id + "," + (id % 2 == 0 ? "even" : "odd"));
    }
    Path groups = dir.resolve("sites.csv");
    Files.write(groups, side);
    JobProcess.Result second =
        JobProcess.audit(
            dir,
            coco.toString(),
            output.toString(),
            "second",
            "--groups-table",
            groups.toString(),
            "--images-root",
            data.toString(),
            "--group-cols",
            "site");
    assertEquals(0, second.exitCode(), second.output());

    JsonObject summary =
        JsonParser.parseString(Files.readString(output.resolve("summaries/second.json")))
            .getAsJsonObject();
    JsonObject counts = summary.getAsJsonObject("counts");
    assertEquals(COUNT, counts.get("read").getAsLong());
    assertEquals(COUNT, counts.get("processed").getAsLong(), second.output());
    assertEquals("coco", summary.getAsJsonObject("settings").get("manifest_format").getAsString());

    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      List<Row> stats =
          spark
              .read()
              .parquet(output.resolve("image_stats").toString())
              .filter("run_id = 'second'")
              .collectAsList();
      Set<String> ids = new TreeSet<>();
      for (Row row : stats) {
        ids.add(row.getAs("image_id"));
        assertEquals("label", row.getAs("target_source"), "the COCO category is the target");
      }
      Set<String> expected = new TreeSet<>();
      for (int id = 1; id <= COUNT; id++) {
        expected.add("" + id);
      }
      assertEquals(expected, ids);
      Set<String> groupValues = new TreeSet<>();
      for (Row row :
          spark
              .read()
              .parquet(output.resolve("group_metrics").toString())
              .filter("run_id = 'second' AND group_column = 'site'")
              .collectAsList()) {
        groupValues.add(row.getAs("group_value"));
      }
      assertEquals(Set.of("even", "odd"), groupValues, "image 12 counts in the overall rows only");
    }
  }
}
