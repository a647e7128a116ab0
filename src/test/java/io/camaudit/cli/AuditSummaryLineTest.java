package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.spark.output.RunSummary;
import io.camaudit.spark.output.SlicesTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code audit} prints: the first line's counts, time, and pairs when images have several
 * classes; the classes' top shortcut slices.
 */
class AuditSummaryLineTest {

  @Test
  void namesThePairsOnlyWhenImagesHadSeveralClasses() {
    assertEquals(
        "run r: 10 images read, 9 processed, 1 rejected {corrupt_image=1} in 3.0 s (3.0 images/s),"
            + " 1 model load(s)",
        firstLine(9));
    assertEquals(
        "run r: 10 images read, 9 processed (21 image-class pairs explained), 1 rejected"
            + " {corrupt_image=1} in 3.0 s (3.0 images/s), 1 model load(s)",
        firstLine(21));
  }

  @Test
  void listsTheTopSlicesWithADashWhereAValueIsUndefined() {
    List<SlicesTable.Slice> slices =
        List.of(
            new SlicesTable.Slice("circle", "circle/1", 67, 0.6155, 1.0, 0.3845, 0.8667),
            new SlicesTable.Slice("cat", "cat/1", 12, null, null, 0.5, null));
    List<String> lines = printed(summary(9, slices)).lines().toList();
    int header =
        lines.indexOf(
            "slice                  images     score  accuracy   bg-only   energy in boxes");
    assertEquals(
        List.of(
            "circle/1                   67     0.616     1.000     0.867   0.385",
            "cat/1                      12         -         -         -   0.500"),
        lines.subList(header + 1, header + 3));
  }

  private static String firstLine(long targetsExplained) {
    return printed(summary(targetsExplained, List.of())).lines().findFirst().orElseThrow();
  }

  private static String printed(RunSummary summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AuditCommand.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static RunSummary summary(long targetsExplained, List<SlicesTable.Slice> slices) {
    return new RunSummary(
        "r",
        new RunSummary.Period(
            "2026-12-02T01:00:00Z", "2026-12-02T01:00:03Z", "2026-12-02T01:00:00Z"),
        "1.0",
        Map.of("name", "demo-cnn"),
        Map.of("batch_size", 16),
        new RunSummary.Counts(10, 9, 1, targetsExplained, Map.of("corrupt_image", 1L)),
        new RunSummary.Execution(1, List.of("driver"), 3.0, 3.0, 1.0, Map.of(), 0),
        new RunSummary.Comparison(
            List.of(new GroupMetric("*", "*", "accuracy", 9, 1.0, 1.0, 1.0)),
            "none asked (--baseline-run none)",
            null,
            null,
            0,
            false),
        slices);
  }
}
