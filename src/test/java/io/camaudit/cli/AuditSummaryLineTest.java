package io.camaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.spark.output.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first line {@code audit} prints: counts, time, and pairs when images have several classes.
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

  private static String firstLine(long targetsExplained) {
    RunSummary summary =
        new RunSummary(
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
                false));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AuditCommand.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
  }
}
