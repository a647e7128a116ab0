package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgproc.Imgproc;

/**
 * {@code report --output X --run-id Y} alone, on the run of a {@code center-crop} model (the ViT
 * fixture: 224 × 224 cut from the image resized to a shorter side of 256): the manifest and the
 * preprocessing come from the run's summary, so each gallery tile is its image under its map placed
 * on the crop (checked against {@link ExpectedOverlay}). An image file deleted after the audit, and
 * then the manifest, are named on the page and in one console line, and their maps drawn on grey.
 */
class ReportFromSummaryIT {

  private static final int[] CROP = {224, 224, 256};

  @TempDir Path dir;

  @Test
  void drawsTheRunsImagesOnTheCropAndNamesWhatIsGone() throws Exception {
    Path data = dir.resolve("data");
    JobProcess.Result generated =
        JobProcess.run(dir, "generate-demo-data", "--output", data.toString(), "--count", "8");
    assertEquals(0, generated.exitCode(), generated.output());
    Path manifest =
        Files.write(
            data.resolve("crop.jsonl"),
            DemoManifests.withClassIndices(Files.readAllLines(data.resolve("manifest.jsonl"))));
    Map<String, JsonObject> entries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(manifest)) {
      JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
      entries.put(entry.get("image_id").getAsString(), entry);
    }
    Path model = Files.createDirectories(dir.resolve("vit"));
    for (String file : List.of("model.json", "vit-small.pt")) {
      Files.copy(Path.of("src/test/resources/fixtures/vit-small", file), model.resolve(file));
    }
    Path output = dir.resolve("out");
    JobProcess.Result audit =
        JobProcess.audit(
            dir, manifest.toString(), output.toString(), "crop", "--model", model.toString());
    assertEquals(0, audit.exitCode(), audit.output());
    JsonObject summary =
        JsonParser.parseString(Files.readString(output.resolve("summaries/crop.json")))
            .getAsJsonObject();
    JsonObject input = summary.getAsJsonObject("model").getAsJsonObject("input");
    assertEquals("center-crop", input.get("resize").getAsString(), summary.toString());
    assertEquals(
        "file:" + manifest, summary.getAsJsonObject("settings").get("manifest").getAsString());

    Map<String, BufferedImage> images = new LinkedHashMap<>();
    for (JsonObject entry : entries.values()) {
      images.put(
          entry.get("image_id").getAsString(),
          ImageIO.read(data.resolve(entry.get("path").getAsString()).toFile()));
    }
    ReportTables tables;
    List<String> ranked;
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      tables = ReportTables.read(spark, output, "crop");
      ranked =
          spark
              .read()
              .parquet(output.resolve("image_stats").toString())
              .filter("energy_in_fraction IS NOT NULL")
              .orderBy("image_id")
              .select("image_id")
              .as(Encoders.STRING())
              .collectAsList();
    }
    String deleted = ranked.get(0);
    Path deletedFile = data.resolve(entries.get(deleted).get("path").getAsString());
    Files.delete(deletedFile);

    String page = report(output, deleted, deletedFile + " not found");
    List<String[]> tiles = tiles(ReportPage.section(page, "gallery"));
    assertEquals(ranked.size(), tiles.size(), "every image with a fraction is in the gallery");
    for (String[] tile : tiles) {
      String id = tile[0];
      BufferedImage shown =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(tile[1])));
      BufferedImage image = id.equals(deleted) ? null : images.get(id);
      double onCrop = difference(tables, id, images.get(id), image, shown, entries.get(id), true);
      assertTrue(
          onCrop < 5,
          String.format(
              Locale.ROOT,
              "tile %s differs from its map on the centre crop%s by %.1f levels",
              id,
              image == null ? ", on grey" : "",
              onCrop));
      double whole = difference(tables, id, images.get(id), image, shown, entries.get(id), false);
      assertTrue(whole > 5, id + ": drawn over the whole image, it would pass too (" + whole + ")");
    }

    // The shortcut slices' tiles are drawn on the crop too (some crops are their whole image).
    List<String[]> sliceTiles = tiles(ReportPage.section(page, "slices"));
    assertFalse(sliceTiles.isEmpty(), "the slices section has tiles");
    for (String[] tile : sliceTiles) {
      String id = tile[0];
      BufferedImage shown =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(tile[1])));
      BufferedImage image = id.equals(deleted) ? null : images.get(id);
      double onCrop = difference(tables, id, images.get(id), image, shown, entries.get(id), true);
      assertTrue(onCrop < 5, "slice tile " + id + " differs from its map by " + onCrop);
    }

    Files.move(manifest, data.resolve("moved.jsonl"));
    String bare = report(output, deleted, manifest + " not found");
    for (String[] tile : tiles(bare)) {
      BufferedImage shown =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(tile[1])));
      JsonObject noBoxes = new JsonObject();
      noBoxes.add("boxes", new JsonArray());
      double onGrey = difference(tables, tile[0], images.get(tile[0]), null, shown, noBoxes, true);
      assertTrue(onGrey < 5, "tile " + tile[0] + " on grey: " + onGrey);
    }
  }

  /**
   * Runs {@code report} with only the output and run id and returns its page, checking that it
   * says, in one console line without a stack trace and on the page, that {@code imageId} is drawn
   * on grey because {@code why} (a path and "not found").
   */
  private String report(Path output, String imageId, String why) throws Exception {
    JobProcess.Result report =
        JobProcess.run(dir, "report", "--output", output.toString(), "--run-id", "crop");
    assertEquals(0, report.exitCode(), report.output());
    List<String> said = report.output().lines().filter(l -> l.contains("on grey")).toList();
    assertEquals(1, said.size(), report.output());
    assertTrue(said.get(0).contains(why) && said.get(0).contains(imageId), said.get(0));
    assertFalse(report.output().contains("Exception"), report.output());
    String page = Files.readString(output.resolve("reports/crop.html"));
    assertTrue(page.contains(why), "the page says why: " + why);
    return page;
  }

  /** The gallery's tiles: image id and PNG (base64). */
  private static List<String[]> tiles(String page) {
    Matcher m =
        Pattern.compile(
                "<figure class=\"tile[^\"]*\" data-image-id=\"([^\"]+)\"><img[^>]*"
                    + " src=\"data:image/png;base64,([^\"]+)\"")
            .matcher(page);
    List<String[]> tiles = new ArrayList<>();
    while (m.find()) {
      tiles.add(new String[] {m.group(1), m.group(2)});
    }
    return tiles;
  }

  /**
   * How far a tile's picture is from the image's map drawn over {@code under} (null: grey), placed
   * on the centre crop or over the whole image, in the default turbo colour map.
   */
  private static double difference(
      ReportTables tables,
      String id,
      BufferedImage original,
      BufferedImage under,
      BufferedImage shown,
      JsonObject entry,
      boolean onCrop) {
    Row map = tables.heatmap("crop", id);
    int width = original.getWidth();
    int height = original.getHeight();
    return new ExpectedOverlay(
            under,
            width,
            height,
            ReportTables.cam(map),
            map.getAs("map_width"),
            map.getAs("map_height"),
            onCrop
                ? ExpectedOverlay.centreCrop(width, height, CROP[0], CROP[1], CROP[2])
                : ExpectedOverlay.whole(width, height),
            Imgproc.COLORMAP_TURBO)
        .differenceFrom(
            shown, 0, 0, shown.getWidth(), shown.getHeight(), tables.boxesOf("crop", id, entry));
  }
}
