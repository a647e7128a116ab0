package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The {@code report} command on a real nightly pair of runs: the HTML page has every section, one
 * overlay per worst/best image per group, nothing from the network, and headless Chromium
 * renders it to a non-blank screenshot.
 */
class ReportIT {

  private static final int GALLERY = 2;

  @TempDir Path dir;

  @Test
  void writesASelfContainedReportThatChromiumRenders() throws Exception {
    Path data = dir.resolve("data");
    JobProcess.Result generated = JobProcess.run(dir, "generate-demo-data", "--output",
        data.toString(), "--count", "48");
    assertEquals(0, generated.exitCode(), generated.output());
    Path manifest = data.resolve("manifest.jsonl");
    Path drifted = data.resolve("drifted.jsonl");
    Files.write(drifted, DemoManifests.withWrongStudioLabels(Files.readAllLines(manifest)));
    Path config = dir.resolve("audit.properties");
    Files.writeString(config, "max-change.accuracy = 0.05\n");
    Path output = dir.resolve("out");

    JobProcess.Result first = JobProcess.run(dir, "audit", "--manifest", manifest.toString(),
        "--output", output.toString(), "--run-id", "night-1", "--group-cols", "source",
        "--config", config.toString());
    assertEquals(0, first.exitCode(), first.output());
    JobProcess.Result second = JobProcess.run(dir, "audit", "--manifest", drifted.toString(),
        "--output", output.toString(), "--run-id", "night-2", "--group-cols", "source",
        "--config", config.toString(), "--baseline-run", "night-1");
    assertEquals(3, second.exitCode(), second.output());

    JobProcess.Result report = JobProcess.run(dir, "report", "--output", output.toString(),
        "--run-id", "night-2", "--manifest", drifted.toString(), "--gallery", "" + GALLERY);
    assertEquals(0, report.exitCode(), report.output());
    Path html = output.resolve("reports/night-2.html");
    assertTrue(Files.isRegularFile(html), report.output());
    String page = Files.readString(html);

    for (String section : List.of("run", "group-metrics", "disparities", "diff", "localisation",
        "gallery")) {
      assertTrue(page.contains("<section id=\"" + section + "\">"), "section " + section);
    }
    assertFalse(page.contains("http://"), "no external references");
    assertFalse(page.contains("https://"), "no external references");
    assertFalse(page.contains("<script"), "no scripts");
    assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(page).find(),
        "every src is a data: URI");
    assertTrue(page.contains("<tr class=\"breach\">"), "the breached diff rows are highlighted");
    assertTrue(page.contains("data-metric=\"mean_energy_in_fraction\""));
    assertTrue(page.contains("<polyline"), "the MaxBoxAcc curves");
    assertTrue(page.length() < 3_000_000, "reasonably small: " + page.length());

    // One overlay per worst and best image per group: min(2N, images with a fraction) each.
    Map<String, Long> perGroup = new java.util.TreeMap<>();
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      for (Row r : spark.read().parquet(output.resolve("image_stats").toString())
          .filter("run_id = 'night-2' AND energy_in_fraction IS NOT NULL AND source IS NOT NULL")
          .groupBy("source").count().collectAsList()) {
        perGroup.put(r.getString(0), r.getLong(1));
      }
    }
    long expected = perGroup.values().stream().mapToLong(n -> Math.min(2L * GALLERY, n)).sum();
    List<String> tiles = all(page, "data-image-id=\"([^\"]+)\"");
    assertEquals(expected, tiles.size(), "gallery tiles for groups " + perGroup);
    assertEquals(tiles.size(), all(page, "src=\"data:image/png;base64,").size());
    assertEquals(perGroup.keySet(), new HashSet<>(all(page, "data-group=\"([^\"]+)\"")));
    assertTrue(report.output().contains(tiles.size() + " gallery images"), report.output());

    // Headless Chromium renders it.
    var found = ExternalTools.onPath(List.of("chromium", "chromium-browser"));
    ExternalTools.assumeOrRequire(ExternalTools.CHROMIUM, found.isPresent(),
        "Debian: apt-get install -y chromium, as .ci/run does");
    String chromium = found.orElseThrow();
    Path screenshot = dir.resolve("report.png");
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    JobProcess.Result rendered = JobProcess.exec(dir, List.of(chromium, "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--screenshot=" + screenshot, "--window-size=1280,2400",
        html.toUri().toString()), Map.of());
    assertEquals(0, rendered.exitCode(), rendered.output());
    assertTrue(Files.isRegularFile(screenshot), rendered.output());
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertEquals(1280, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertTrue(colours.size() > 200, "a rendered page, not a blank one: " + colours.size()
        + " colours");
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
