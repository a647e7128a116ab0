package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.metrics.group.Metric;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.imgproc.Imgproc;

/**
 * The {@code report} command on a real nightly pair of runs: the console shows no stack trace and
 * no warning, the HTML page has every section, one overlay per worst/best image per group, nothing
 * from the network; and as headless Chromium shows it, each overlay is the heatmap of the image it
 * names drawn over that image (checked against an overlay drawn here from the {@code heatmaps}
 * table and the image file) and each chart's marks lie where the {@code group_metrics} and {@code
 * localisation_curve} values put them.
 */
class ReportIT {

  /** Images per end of the gallery, per group: {@code --gallery}'s default. */
  private static final int GALLERY = 4;

  @TempDir Path dir;

  @Test
  void writesASelfContainedReportThatChromiumRenders() throws Exception {
    Path data = dir.resolve("data");
    JobProcess.Result generated =
        JobProcess.run(dir, "generate-demo-data", "--output", data.toString(), "--count", "48");
    assertEquals(0, generated.exitCode(), generated.output());
    Path manifest = data.resolve("manifest.jsonl");
    Path drifted = data.resolve("drifted.jsonl");
    Files.write(drifted, DemoManifests.withWrongStudioLabels(Files.readAllLines(manifest)));
    Path config = dir.resolve("audit.properties");
    Files.writeString(config, "max-change.accuracy = 0.05\n");
    Path output = dir.resolve("out");

    JobProcess.Result first =
        JobProcess.audit(
            dir,
            manifest.toString(),
            output.toString(),
            "night-1",
            "--group-cols",
            "source",
            "--config",
            config.toString());
    assertEquals(0, first.exitCode(), first.output());
    JobProcess.Result second =
        JobProcess.audit(
            dir,
            drifted.toString(),
            output.toString(),
            "night-2",
            "--group-cols",
            "source",
            "--config",
            config.toString(),
            "--baseline-run",
            "night-1",
            "--overlay-png",
            "viridis");
    assertEquals(3, second.exitCode(), second.output());

    // Only the run: its manifest and model preprocessing come from its summary.
    JobProcess.Result report =
        JobProcess.run(dir, "report", "--output", output.toString(), "--run-id", "night-2");
    assertEquals(0, report.exitCode(), report.output());
    for (JobProcess.Result run : List.of(first, second, report)) {
      CleanConsole.assertClean(run);
    }
    assertFalse(report.output().contains("on grey"), "every image found: " + report.output());
    Path html = output.resolve("reports/night-2.html");
    assertTrue(Files.isRegularFile(html), report.output());
    String page = Files.readString(html);

    for (String section :
        List.of("run", "group-metrics", "disparities", "diff", "localisation", "gallery")) {
      assertTrue(page.contains("<section id=\"" + section + "\">"), "section " + section);
    }
    assertFalse(page.contains("http://"), "no external references");
    assertFalse(page.contains("https://"), "no external references");
    assertFalse(page.contains("<script"), "no scripts");
    assertFalse(
        Pattern.compile("(src|href)=\"(?!data:)").matcher(page).find(), "every src is a data: URI");
    assertTrue(page.contains("<tr class=\"breach\">"), "the breached diff rows are highlighted");
    assertTrue(page.contains("data-metric=\"mean_energy_in_fraction\""));
    assertTrue(page.contains("<polyline"), "the MaxBoxAcc curves");
    assertTrue(page.contains("Heatmap: viridis colour map"), "the run's --overlay-png colours");
    assertTrue(page.length() < 3_000_000, "reasonably small: " + page.length());

    // One overlay per worst and best image per group: min(2N, images with a fraction) each. The
    // tables the rendered page is checked against are read here, apart from the report.
    Map<String, Long> perGroup = new java.util.TreeMap<>();
    Map<String, List<String>> sliceTiles = new LinkedHashMap<>();
    ReportTables tables;
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      for (Row r :
          spark
              .read()
              .parquet(output.resolve("image_stats").toString())
              .filter(
                  "run_id = 'night-2' AND energy_in_fraction IS NOT NULL AND source IS NOT NULL")
              .groupBy("source")
              .count()
              .collectAsList()) {
        perGroup.put(r.getString(0), r.getLong(1));
      }
      tables = ReportTables.read(spark, output, "night-2");
      for (Row r :
          spark
              .read()
              .parquet(output.resolve("slices").toString())
              .filter("run_id = 'night-2' AND rank = 1")
              .orderBy(functions.col("shortcut_score").desc_nulls_last(), functions.col("class"))
              .collectAsList()) {
        List<String> nearest = r.getList(r.fieldIndex("representative_image_ids"));
        sliceTiles.put(r.getAs("slice"), nearest.subList(0, Math.min(GALLERY, nearest.size())));
      }
    }
    long expected = perGroup.values().stream().mapToLong(n -> Math.min(2L * GALLERY, n)).sum();
    String gallery = ReportPage.section(page, "gallery");
    List<String> tiles = all(gallery, "data-image-id=\"([^\"]+)\"");
    assertEquals(expected, tiles.size(), "gallery tiles for groups " + perGroup);
    assertEquals(tiles.size(), all(gallery, "src=\"data:image/png;base64,").size());
    assertEquals(perGroup.keySet(), new HashSet<>(all(gallery, "data-group=\"([^\"]+)\"")));
    assertTrue(report.output().contains(tiles.size() + " gallery images"), report.output());

    // Each class's top shortcut slice, the highest score first, drawn by its nearest members.
    String slices = ReportPage.section(page, "slices");
    Map<String, List<String>> drawn = new LinkedHashMap<>();
    for (String part : slices.split("data-slice=\"")) {
      if (part.startsWith("<section")) {
        continue;
      }
      drawn.put(part.substring(0, part.indexOf('"')), all(part, "data-image-id=\"([^\"]+)\""));
    }
    assertEquals(List.copyOf(sliceTiles.entrySet()), List.copyOf(drawn.entrySet()), "slices");

    // Beside the breaches, the images that moved them (the relabelled studio images, in both
    // runs): each drawn from the baseline run's heatmap and from this run's.
    String diff =
        page.substring(
            page.indexOf("<section id=\"diff\">"), page.indexOf("<section id=\"localisation\">"));
    int breaches = all(diff, "<div class=\"moved\" data-breach=").size();
    List<String> moved = all(diff, "data-moved-image=\"([^\"]+)\"");
    assertTrue(breaches >= 1 && !moved.isEmpty(), diff);
    assertTrue(moved.size() <= 4 * breaches, "at most 4 images per breach: " + moved);
    Set<String> studio = new HashSet<>();
    for (String line : Files.readAllLines(manifest)) {
      JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
      if (entry.get("source").getAsString().equals("studio")) {
        studio.add(entry.get("image_id").getAsString());
      }
    }
    assertTrue(studio.containsAll(moved), "studio images: " + moved);
    assertEquals(
        List.of("both"), all(diff, "</b> · ([a-z_]+) · shift").stream().distinct().toList());
    assertEquals(
        moved.size(), all(diff, "<figure class=\"tile before-tile\"><img").size(), "before");
    assertEquals(moved.size(), all(diff, "<figure class=\"tile after-tile\"><img").size(), "after");

    // Headless Chromium renders it: each overlay shows the map of the image it names over that
    // image, and each chart's marks lie where the tables' values put them.
    var chromium = ExternalTools.onPath(List.of("chromium", "chromium-browser"));
    ExternalTools.assumeOrRequire(
        ExternalTools.CHROMIUM,
        chromium.isPresent(),
        "Debian: apt-get install -y chromium, as .ci/run does");
    var modules = ExternalTools.nodeModules("playwright-core");
    ExternalTools.assumeOrRequire(
        ExternalTools.CHROMIUM,
        modules.isPresent(),
        "npm install playwright-core into the folder .ci/run uses");
    Path shots = Files.createDirectories(dir.resolve("shots"));
    JobProcess.Result rendered =
        JobProcess.exec(
            dir,
            List.of(
                "node",
                Path.of("src/test/node/render-report.cjs").toAbsolutePath().toString(),
                chromium.orElseThrow(),
                html.toString(),
                shots.toString()),
            Map.of("NODE_PATH", modules.orElseThrow().toString()));
    assertEquals(0, rendered.exitCode(), rendered.output());
    String json =
        rendered
            .output()
            .lines()
            .filter(l -> l.startsWith("{"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError(rendered.output()));
    JsonObject layout = JsonParser.parseString(json).getAsJsonObject();
    Map<String, JsonObject> entries = new java.util.HashMap<>();
    for (String line : Files.readAllLines(drifted)) {
      JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
      entries.put(entry.get("image_id").getAsString(), entry);
    }
    int overlays = 0;
    int lineCharts = 0;
    int dotCharts = 0;
    for (var element : layout.getAsJsonArray("elements")) {
      JsonObject e = element.getAsJsonObject();
      JsonObject box = e.getAsJsonObject("box");
      BufferedImage shot = ImageIO.read(new java.io.File(e.get("file").getAsString()));
      assertTrue(
          box.get("width").getAsDouble() > 20 && box.get("height").getAsDouble() > 20,
          "laid out with a size: " + e);
      assertTrue(
          box.get("x").getAsDouble() >= 0
              && box.get("x").getAsDouble() + box.get("width").getAsDouble()
                  <= layout.getAsJsonObject("size").get("width").getAsDouble() + 1,
          "inside the page: " + e);
      switch (e.get("selector").getAsString()) {
        case "figure.tile img" -> {
          String run =
              e.get("figure").getAsString().contains("before-tile") ? "night-1" : "night-2";
          checkOverlay(
              overlays, e, shot, run, entries.get(e.get("imageId").getAsString()), data, tables);
          overlays++;
        }
        case "svg.chart.lines" -> {
          checkCurves(e, tables.curve());
          lineCharts++;
        }
        default -> {
          checkDotPlot(e, shot, tables.metrics().get(e.get("metric").getAsString()));
          dotCharts++;
        }
      }
    }
    assertEquals(
        all(page, "<figure class=\"tile[^>]*><img").size(), overlays, "every overlay rendered");
    assertEquals(1, lineCharts, "the MaxBoxAcc curves: " + layout);
    assertEquals(
        tables.metrics().size(), dotCharts, "a dot plot per metric of group_metrics: " + layout);
  }

  /**
   * A tile's picture, as Chromium shows it, is the overlay of the image it claims ({@code
   * data-image-id}, or {@code data-moved-image} in the nightly diff) in {@code run}, drawn here
   * from its {@code heatmaps} row and image file by {@link ExpectedOverlay} in the viridis colour
   * map (the reported run's {@code --overlay-png}): within 5 levels on average, where another
   * image's overlay differs by 10 or more.
   */
  private static void checkOverlay(
      int index,
      JsonObject tile,
      BufferedImage shot,
      String run,
      JsonObject entry,
      Path data,
      ReportTables tables)
      throws java.io.IOException {
    String id = tile.get("imageId").getAsString();
    JsonObject box = tile.getAsJsonObject("box");
    BufferedImage image = ImageIO.read(data.resolve(entry.get("path").getAsString()).toFile());
    Row map = tables.heatmap(run, id);
    double difference =
        new ExpectedOverlay(
                image,
                image.getWidth(),
                image.getHeight(),
                ReportTables.cam(map),
                map.getAs("map_width"),
                map.getAs("map_height"),
                ExpectedOverlay.whole(image.getWidth(), image.getHeight()),
                Imgproc.COLORMAP_VIRIDIS)
            .differenceFrom(
                shot,
                box.get("x").getAsDouble(),
                box.get("y").getAsDouble(),
                box.get("width").getAsDouble(),
                box.get("height").getAsDouble(),
                tables.boxesOf(run, id, entry));
    assertTrue(
        difference < 5,
        String.format(
            Locale.ROOT,
            "overlay %d (%s) claims image %s of run %s, but differs from that image's"
                + " heatmap drawn over it from the heatmaps table and the image file by"
                + " %.1f levels on average (expected < 5)",
            index,
            tile.get("figure").getAsString(),
            id,
            run,
            difference));
  }

  /**
   * A dot plot's marks where the {@code group_metrics} rows of its metric put them: per row (its
   * label {@code column = value}, or {@code all images}) the dot and the bar's end at the value,
   * the bar's other end at 0, the whiskers' ends at the interval's, the dashed line at the
   * all-images value, on the axis its ticks give, which includes 0, is the metric's range where
   * that is bounded (0 to 1 for shares) and reaches past the farthest interval end where it is open
   * ({@code mean_energy_lift}'s upper end; docs/report.md); and the dots are painted where they
   * lie.
   */
  private static void checkDotPlot(JsonObject chart, BufferedImage shot, List<Row> rows) {
    String metric = chart.get("metric").getAsString();
    Metric.Range range = Metric.byId(metric).range();
    var ticks = chart.getAsJsonArray("ticks");
    JsonObject first = ticks.get(0).getAsJsonObject();
    JsonObject last = ticks.get(ticks.size() - 1).getAsJsonObject();
    double left = first.get("x").getAsDouble();
    double right = last.get("x").getAsDouble();
    double axisMin = first.get("value").getAsDouble();
    double axisMax = last.get("value").getAsDouble();
    assertTrue(axisMin <= 0 && axisMax >= 0, metric + ": the axis includes 0");
    double smallest =
        rows.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("ci_low"))).min().orElse(0);
    double largest =
        rows.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("ci_high"))).max().orElse(1);
    if (Double.isInfinite(range.low())) {
      assertTrue(
          axisMin <= smallest, metric + ": the axis starts at " + axisMin + " > " + smallest);
    } else {
      assertEquals(Math.min(0, range.low()), axisMin, metric + ": the axis starts at its range's");
    }
    if (Double.isInfinite(range.high())) {
      assertTrue(axisMax >= largest, metric + ": the axis ends at " + axisMax + " < " + largest);
    } else {
      assertEquals(Math.max(0, range.high()), axisMax, metric + ": the axis ends at its range's");
    }
    java.util.function.DoubleUnaryOperator x =
        v -> left + (right - left) * (v - axisMin) / (axisMax - axisMin);
    Map<String, JsonObject> drawn = new java.util.TreeMap<>();
    chart
        .getAsJsonArray("rows")
        .forEach(
            r -> drawn.put(r.getAsJsonObject().get("label").getAsString(), r.getAsJsonObject()));
    Map<String, Row> expected = new java.util.TreeMap<>();
    for (Row r : rows) {
      String column = r.getAs("group_column");
      expected.put(column.equals("*") ? "all images" : column + " = " + r.getAs("group_value"), r);
    }
    assertEquals(expected.keySet(), drawn.keySet(), metric + ": a row per group_metrics row");
    double offsetX = chart.getAsJsonObject("box").get("x").getAsDouble();
    double offsetY = chart.getAsJsonObject("box").get("y").getAsDouble();
    expected.forEach(
        (label, r) -> {
          JsonObject marks = drawn.get(label);
          String where = metric + ", " + label + ": ";
          double value = r.getDouble(r.fieldIndex("value"));
          JsonObject dot = marks.getAsJsonObject("dot");
          near(
              x.applyAsDouble(value),
              dot.get("x").getAsDouble(),
              where + "the dot at value " + value);
          JsonObject bar = marks.getAsJsonObject("bar");
          boolean negative = value < 0;
          near(
              x.applyAsDouble(value),
              bar.get(negative ? "x0" : "x1").getAsDouble(),
              where + "the bar's end at value " + value);
          near(
              x.applyAsDouble(0),
              bar.get(negative ? "x1" : "x0").getAsDouble(),
              where + "the bar's other end at 0");
          JsonObject whisker = marks.getAsJsonObject("whisker");
          near(
              x.applyAsDouble(r.getDouble(r.fieldIndex("ci_low"))),
              whisker.get("x0").getAsDouble(),
              where + "the whisker's left end at ci_low");
          near(
              x.applyAsDouble(r.getDouble(r.fieldIndex("ci_high"))),
              whisker.get("x1").getAsDouble(),
              where + "the whisker's right end at ci_high");
          if (label.equals("all images")) {
            near(
                x.applyAsDouble(value),
                chart.get("overall").getAsDouble(),
                where + "the dashed line");
          }
          int pixel =
              shot.getRGB(
                  (int) Math.floor(offsetX - Math.floor(offsetX) + dot.get("x").getAsDouble()),
                  (int) Math.floor(offsetY - Math.floor(offsetY) + dot.get("y").getAsDouble()));
          int colour = label.equals("all images") ? 0x1d2b3a : 0x1f77b4;
          assertTrue(
              maxChannelDifference(pixel, colour) <= 40,
              String.format(
                  Locale.ROOT,
                  "%sthe dot is painted at its place: #%06x",
                  where,
                  pixel & 0xffffff));
        });
  }

  /**
   * The MaxBoxAcc chart's points where the {@code localisation_curve} rows (class *, δ = 0.5) put
   * them: τ and box accuracy, each on a 0-1 axis across the plot's frame, a line per regions.
   */
  private static void checkCurves(JsonObject chart, Map<String, List<double[]>> curve) {
    JsonObject frame = chart.getAsJsonObject("frame");
    double left = frame.get("x").getAsDouble();
    double bottom = frame.get("y").getAsDouble() + frame.get("height").getAsDouble();
    double width = frame.get("width").getAsDouble();
    double height = frame.get("height").getAsDouble();
    Map<String, JsonObject> drawn = new java.util.TreeMap<>();
    chart
        .getAsJsonArray("series")
        .forEach(
            line ->
                drawn.put(
                    line.getAsJsonObject().get("name").getAsString().split(" ")[0],
                    line.getAsJsonObject()));
    assertEquals(curve.keySet(), drawn.keySet(), "a line per regions of localisation_curve");
    curve.forEach(
        (regions, points) -> {
          var marks = drawn.get(regions).getAsJsonArray("points");
          assertEquals(points.size(), marks.size(), regions + ": a point per tau");
          for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            JsonObject mark = marks.get(i).getAsJsonObject();
            String where =
                String.format(
                    Locale.ROOT, "%s at tau %.2f, box accuracy %.3f: ", regions, p[0], p[1]);
            near(left + width * p[0], mark.get("x").getAsDouble(), where + "x");
            near(bottom - height * p[1], mark.get("y").getAsDouble(), where + "y");
          }
        });
  }

  /** Asserts that a mark lies within 0.6 pixels (the SVG's rounding, 0.1) of where it belongs. */
  private static void near(double expected, double actual, String what) {
    assertEquals(expected, actual, 0.6, what);
  }

  private static int maxChannelDifference(int a, int b) {
    int max = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      max = Math.max(max, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
    }
    return max;
  }

  private static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.groupCount() > 0 ? m.group(1) : m.group());
    }
    return out;
  }
}
