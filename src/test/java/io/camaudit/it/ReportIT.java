package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code report} command on a real nightly pair of runs: the console shows no stack trace and
 * no warning, the HTML page has every section, one overlay per worst/best image per group, nothing
 * from the network, and headless Chromium renders it to a non-blank screenshot.
 */
class ReportIT {

  private static final int GALLERY = 2;

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

    JobProcess.Result report =
        JobProcess.run(
            dir,
            "report",
            "--output",
            output.toString(),
            "--run-id",
            "night-2",
            "--manifest",
            drifted.toString(),
            "--gallery",
            "" + GALLERY);
    assertEquals(0, report.exitCode(), report.output());
    for (JobProcess.Result run : List.of(first, second, report)) {
      CleanConsole.assertClean(run);
    }
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

    // One overlay per worst and best image per group: min(2N, images with a fraction) each.
    Map<String, Long> perGroup = new java.util.TreeMap<>();
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
    }
    long expected = perGroup.values().stream().mapToLong(n -> Math.min(2L * GALLERY, n)).sum();
    String gallery = page.substring(page.indexOf("<section id=\"gallery\">"));
    List<String> tiles = all(gallery, "data-image-id=\"([^\"]+)\"");
    assertEquals(expected, tiles.size(), "gallery tiles for groups " + perGroup);
    assertEquals(tiles.size(), all(gallery, "src=\"data:image/png;base64,").size());
    assertEquals(perGroup.keySet(), new HashSet<>(all(gallery, "data-group=\"([^\"]+)\"")));
    assertTrue(report.output().contains(tiles.size() + " gallery images"), report.output());

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

    // Headless Chromium renders it: every overlay shows its picture where the page puts it, and
    // the charts draw their dots and curves.
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
    List<String> pictures =
        all(page, "<figure class=\"tile[^>]*><img[^>]*src=\"data:image/png;base64,([^\"]+)\"");
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
          BufferedImage picture =
              ImageIO.read(
                  new java.io.ByteArrayInputStream(
                      java.util.Base64.getDecoder().decode(pictures.get(overlays))));
          double difference = meanDifference(picture, shot);
          assertTrue(
              difference < 12,
              "overlay "
                  + overlays
                  + " shows its picture at "
                  + box
                  + ": mean difference "
                  + difference
                  + " levels");
          overlays++;
        }
        case "svg.chart.lines" -> {
          assertTrue(pixelsOf(shot, 0x1f77b4, 40) > 100, "the first curve is drawn: " + e);
          lineCharts++;
        }
        default -> {
          assertTrue(pixelsOf(shot, 0x1f77b4, 40) > 30, "the dots are drawn: " + e);
          dotCharts++;
        }
      }
    }
    assertEquals(pictures.size(), overlays, "every overlay rendered");
    assertTrue(lineCharts >= 1 && dotCharts >= 1, "curves and dot plots: " + layout);
  }

  /**
   * The mean absolute difference, over RGB channels, between {@code picture} scaled to {@code
   * shot}'s size and {@code shot}.
   */
  private static double meanDifference(BufferedImage picture, BufferedImage shot) {
    BufferedImage scaled =
        new BufferedImage(shot.getWidth(), shot.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = scaled.createGraphics();
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(picture, 0, 0, shot.getWidth(), shot.getHeight(), null);
    g.dispose();
    long sum = 0;
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int a = scaled.getRGB(x, y);
        int b = shot.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
      }
    }
    return sum / (3.0 * shot.getWidth() * shot.getHeight());
  }

  /** Pixels of {@code shot} within {@code tolerance} per channel of {@code rgb}. */
  private static int pixelsOf(BufferedImage shot, int rgb, int tolerance) {
    int count = 0;
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int p = shot.getRGB(x, y);
        boolean near = true;
        for (int shift = 0; shift <= 16; shift += 8) {
          near &= Math.abs(((p >> shift) & 0xff) - ((rgb >> shift) & 0xff)) <= tolerance;
        }
        count += near ? 1 : 0;
      }
    }
    return count;
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
