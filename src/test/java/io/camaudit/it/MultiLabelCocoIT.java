package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-label audit end to end: a COCO instances file whose even images carry a second object of
 * another class, a sigmoid-headed model (the demo network with {@code "head": "sigmoid"}), and
 * {@code --targets all-labels}. Every annotated class of an image gets its own rows, the COCO
 * export writes each image once with boxes of its explained classes, and the localisation table's
 * CorLoc equals the share recomputed from {@code image_stats}.
 */
class MultiLabelCocoIT {

  private static final int COUNT = 8;
  private static final List<String> CLASSES = List.of("circle", "square", "triangle");

  @TempDir Path dir;

  @Test
  void explainsEveryAnnotatedClassOfEveryImage() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        JobProcess.run(
                dir, "generate-demo-data", "--output", data.toString(), "--count", "" + COUNT)
            .exitCode());
    Map<String, Set<String>> annotated = new TreeMap<>();
    Path coco = writeMultiLabelCoco(data, annotated);
    Path output = dir.resolve("out");
    JobProcess.Result run =
        JobProcess.audit(
            dir,
            coco.toString(),
            output.toString(),
            "multi",
            "--model",
            sigmoidModel().toString(),
            "--images-root",
            data.toString(),
            "--targets",
            "all-labels",
            "--coco-tau",
            "0.15");
    assertEquals(0, run.exitCode(), run.output());

    int pairs = annotated.values().stream().mapToInt(Set::size).sum();
    assertEquals(COUNT + COUNT / 2, pairs);
    JsonObject counts =
        JsonParser.parseString(Files.readString(output.resolve("summaries/multi.json")))
            .getAsJsonObject()
            .getAsJsonObject("counts");
    assertEquals(COUNT, counts.get("processed").getAsLong(), "images are counted once");
    assertEquals(pairs, counts.get("targets_explained").getAsLong());

    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      List<Row> stats =
          spark.read().parquet(output.resolve("image_stats").toString()).collectAsList();
      Map<String, Set<String>> explained = new TreeMap<>();
      long hits = 0;
      for (Row row : stats) {
        explained
            .computeIfAbsent(row.getAs("image_id"), id -> new TreeSet<>())
            .add(row.getAs("target_class"));
        assertEquals("label", row.getAs("target_source"));
        assertEquals(1, (int) row.getAs("box_count"), "the boxes of the row's class only");
        double probability = row.getAs("target_probability");
        assertEquals(probability >= 0.5, row.getAs("correct"), "sigmoid: one decision per class");
        Double iou = row.getAs("cam_box_iou");
        hits += iou != null && iou >= 0.5 ? 1 : 0;
      }
      assertEquals(annotated, explained, "one row per image and annotated class");
      assertEquals(
          pairs,
          spark.read().parquet(output.resolve("heatmaps").toString()).count(),
          "heatmaps too");

      Row corLoc =
          spark
              .read()
              .parquet(output.resolve("localisation").toString())
              .filter("metric = 'CorLoc' AND class = '*'")
              .first();
      assertEquals(pairs, (long) corLoc.getAs("images"));
      assertEquals((double) hits / pairs, corLoc.getAs("value"), 1e-12);
      assertEquals(0.15, corLoc.getAs("best_tau"), 1e-12);

      Set<String> classGroups = new TreeSet<>();
      for (Row row :
          spark
              .read()
              .parquet(output.resolve("group_metrics").toString())
              .filter("group_column = 'target_class'")
              .collectAsList()) {
        classGroups.add(row.getAs("group_value"));
      }
      Set<String> classes = new TreeSet<>();
      annotated.values().forEach(classes::addAll);
      assertEquals(classes, classGroups, "group metrics by explained class");
    }

    JsonObject export =
        JsonParser.parseString(Files.readString(output.resolve("boxes_coco/multi.json")))
            .getAsJsonObject();
    Map<Long, String> imageIds = new HashMap<>();
    for (JsonElement image : export.getAsJsonArray("images")) {
      JsonObject entry = image.getAsJsonObject();
      imageIds.put(entry.get("id").getAsLong(), entry.get("image_id").getAsString());
    }
    assertEquals(COUNT, imageIds.size());
    assertEquals(annotated.keySet(), new HashSet<>(imageIds.values()), "each image once");
    Map<String, Set<String>> exported = new TreeMap<>();
    for (JsonElement annotation : export.getAsJsonArray("annotations")) {
      JsonObject a = annotation.getAsJsonObject();
      exported
          .computeIfAbsent(imageIds.get(a.get("image_id").getAsLong()), id -> new TreeSet<>())
          .add(CLASSES.get(a.get("category_id").getAsInt() - 1));
    }
    exported.forEach(
        (id, classes) -> assertTrue(annotated.get(id).containsAll(classes), id + ": " + classes));
    assertTrue(
        exported.values().stream().anyMatch(classes -> classes.size() == 2),
        "some image has boxes of both its classes: " + exported);
  }

  /**
   * The demo manifest as a COCO file: each image's own box, and on even images a second object of
   * the next class in the image's other corner. Fills {@code annotated} with each image's classes.
   */
  private static Path writeMultiLabelCoco(Path data, Map<String, Set<String>> annotated)
      throws IOException {
    JsonArray images = new JsonArray();
    JsonArray annotations = new JsonArray();
    List<String> lines = Files.readAllLines(data.resolve("manifest.jsonl"));
    for (int i = 0; i < lines.size(); i++) {
      JsonObject row = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      String path = row.get("path").getAsString();
      BufferedImage picture = ImageIO.read(data.resolve(path).toFile());
      JsonObject image = new JsonObject();
      image.addProperty("id", i + 1);
      image.addProperty("file_name", path);
      image.addProperty("width", picture.getWidth());
      image.addProperty("height", picture.getHeight());
      images.add(image);
      String label = row.get("label").getAsString();
      JsonObject box = row.getAsJsonArray("boxes").get(0).getAsJsonObject();
      double x0 = box.get("x0").getAsDouble();
      double y0 = box.get("y0").getAsDouble();
      double w = box.get("x1").getAsDouble() - x0;
      double h = box.get("y1").getAsDouble() - y0;
      annotations.add(annotation(annotations.size() + 1, i + 1, label, x0, y0, w, h));
      Set<String> classes = annotated.computeIfAbsent("" + (i + 1), id -> new TreeSet<>());
      classes.add(label);
      if (i % 2 == 0) {
        String other = CLASSES.get((CLASSES.indexOf(label) + 1) % CLASSES.size());
        double side = Math.min(picture.getWidth(), picture.getHeight()) / 4.0;
        double ox = x0 + w / 2 < picture.getWidth() / 2.0 ? picture.getWidth() - side : 0;
        double oy = y0 + h / 2 < picture.getHeight() / 2.0 ? picture.getHeight() - side : 0;
        annotations.add(annotation(annotations.size() + 1, i + 1, other, ox, oy, side, side));
        classes.add(other);
      }
    }
    JsonArray categories = new JsonArray();
    for (int c = 0; c < CLASSES.size(); c++) {
      JsonObject category = new JsonObject();
      category.addProperty("id", c + 1);
      category.addProperty("name", CLASSES.get(c));
      categories.add(category);
    }
    JsonObject coco = new JsonObject();
    coco.add("images", images);
    coco.add("annotations", annotations);
    coco.add("categories", categories);
    Path file = data.resolve("multi-label.json");
    Files.writeString(file, coco.toString());
    return file;
  }

  private static JsonObject annotation(
      int id, int image, String label, double x, double y, double w, double h) {
    JsonObject a = new JsonObject();
    a.addProperty("id", id);
    a.addProperty("image_id", image);
    a.addProperty("category_id", CLASSES.indexOf(label) + 1);
    JsonArray bbox = new JsonArray();
    for (double v : new double[] {x, y, w, h}) {
      bbox.add(v);
    }
    a.add("bbox", bbox);
    a.addProperty("area", w * h);
    a.addProperty("iscrowd", 0);
    return a;
  }

  /** The demo network and weights with a multi-label head. */
  private Path sigmoidModel() throws IOException {
    Path model = Files.createDirectories(dir.resolve("demo-sigmoid"));
    String root = "/io/camaudit/models/demo-cnn/";
    JsonObject spec;
    try (InputStream in = MultiLabelCocoIT.class.getResourceAsStream(root + "model.json")) {
      spec =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonObject();
    }
    spec.addProperty("name", "demo-cnn-sigmoid");
    spec.addProperty("head", "sigmoid");
    Files.writeString(model.resolve("model.json"), spec.toString());
    String weights = spec.get("weights").getAsString();
    try (InputStream in = MultiLabelCocoIT.class.getResourceAsStream(root + weights)) {
      Files.copy(in, model.resolve(weights));
    }
    return model;
  }
}
