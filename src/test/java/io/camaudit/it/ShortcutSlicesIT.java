package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.CamAudit;
import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.DemoManifest;
import io.camaudit.demo.ShortcutDatasetGenerator;
import io.camaudit.demo.ShortcutDatasetGenerator.Shortcut;
import io.camaudit.testing.LocalSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shortcut slices nobody named (issue 24 item 3): audited without {@code --group-cols}, each
 * class's top-ranked slice holds that class's studio images (the source whose images carry the
 * shortcut) with precision and recall ≥ 0.8, for the demo data (class-coloured corner tags, the
 * shipped model) and for a dataset of another seed and another shortcut (class-oriented background
 * stripes, the shipped texture model); and a later run on most of the same images follows each
 * slice to the baseline's by their members.
 */
class ShortcutSlicesIT {

  private static final int IMAGES = 600;
  private static final double LEAST = 0.8;

  @TempDir Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = LocalSpark.start("shortcut slices");
  }

  @AfterAll
  static void stopSession() {
    spark.stop();
  }

  @Test
  void theTopSliceOfEachClassHoldsItsTaggedStudioImagesAndTheNextRunFollowsIt() throws Exception {
    DemoManifest data =
        DatasetWriter.write(new ShortcutDatasetGenerator(7), IMAGES, dir.resolve("tag"));
    Path output = dir.resolve("out-tag");
    audit(data.file(), output, "night-1", "builtin:demo-cnn", "none");
    assertTopSlicesAreTheStudioImages(data, output, "night-1", "tag shortcut, demo data (seed 7)");

    // The next night audits 80% of the images (every fifth left out): its slices follow.
    List<String> lines = Files.readAllLines(data.file());
    Path subset = dir.resolve("tag/night-2.jsonl");
    Files.write(
        subset,
        java.util.stream.IntStream.range(0, lines.size())
            .filter(i -> i % 5 != 0)
            .mapToObj(lines::get)
            .toList());
    audit(subset, output, "night-2", "builtin:demo-cnn", "latest");
    for (Row slice : slices(output, "night-2")) {
      if ((int) slice.getAs("rank") == 1) {
        String name = slice.getAs("slice");
        assertEquals(name, slice.getAs("baseline_slice"), name + " follows its baseline slice");
        assertTrue(
            (double) slice.getAs("baseline_overlap") >= 0.7,
            name + ": overlap " + slice.getAs("baseline_overlap"));
        assertEquals("night-1", slice.getAs("baseline_run_id"));
      }
    }
  }

  @Test
  void aBackgroundTextureShortcutOfAnotherSeedIsFoundToo() throws Exception {
    DemoManifest data =
        DatasetWriter.write(
            new ShortcutDatasetGenerator(11, Shortcut.TEXTURE), IMAGES, dir.resolve("texture"));
    Path output = dir.resolve("out-texture");
    audit(data.file(), output, "texture", "builtin:demo-cnn-texture", "none");
    assertTopSlicesAreTheStudioImages(
        data, output, "texture", "texture shortcut, seed 11, demo-cnn-texture");
  }

  private static void audit(
      Path manifest, Path output, String runId, String model, String baseline) {
    CamAudit.audit(
        spark,
        JobProcess.auditOptions(
            manifest.toString(),
            output.toString(),
            runId,
            "--model",
            model,
            "--baseline-run",
            baseline,
            "--bootstrap-replicates",
            "100"));
  }

  /** Prints and checks each class's top slice's precision and recall for its studio images. */
  private static void assertTopSlicesAreTheStudioImages(
      DemoManifest data, Path output, String runId, String what) {
    Map<String, String> sources = new HashMap<>();
    for (DemoManifest.Entry e : data.entries()) {
      sources.put(e.imageId(), e.source());
    }
    Map<String, int[]> counts = new TreeMap<>(); // class -> {top & studio, top, studio}
    for (Row member :
        spark
            .read()
            .parquet(output.resolve("slice_members").toString())
            .filter("run_id = '" + runId + "'")
            .collectAsList()) {
      String className = member.getAs("class");
      boolean top = (className + "/1").equals(member.getAs("slice"));
      boolean studio =
          ShortcutDatasetGenerator.SHORTCUT_SOURCE.equals(
              sources.get((String) member.getAs("image_id")));
      int[] c = counts.computeIfAbsent(className, k -> new int[3]);
      c[0] += top && studio ? 1 : 0;
      c[1] += top ? 1 : 0;
      c[2] += studio ? 1 : 0;
    }
    assertEquals(Set.copyOf(ShortcutDatasetGenerator.CLASSES), counts.keySet());
    List<String> lines = new ArrayList<>();
    counts.forEach(
        (className, c) ->
            lines.add(
                String.format(
                    Locale.ROOT,
                    "%s/1: precision %.3f (%d of %d), recall %.3f (%d of %d studio)",
                    className,
                    c[0] / (double) c[1],
                    c[0],
                    c[1],
                    c[0] / (double) c[2],
                    c[0],
                    c[2])));
    String report = what + ":\n  " + String.join("\n  ", lines);
    System.out.println(report);
    counts.forEach(
        (className, c) -> {
          assertTrue(c[0] >= LEAST * c[1], "precision, " + report);
          assertTrue(c[0] >= LEAST * c[2], "recall, " + report);
        });
  }

  private static List<Row> slices(Path output, String runId) {
    return spark
        .read()
        .parquet(output.resolve("slices").toString())
        .filter("run_id = '" + runId + "'")
        .collectAsList();
  }
}
