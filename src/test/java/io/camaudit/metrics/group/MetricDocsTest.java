package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds the docs that list the group metrics to {@link Metric}, the one place they are declared.
 */
class MetricDocsTest {

  @Test
  void metricsDocListsEveryMetricWithItsMeaningRangeUnitAndDirection() throws IOException {
    List<String[]> rows =
        section(Path.of("docs/metrics.md"), "## Group metrics").stream()
            .filter(line -> line.startsWith("| `"))
            .map(line -> line.substring(2, line.length() - 2).split(" \\| ", -1))
            .toList();
    assertEquals(
        Arrays.stream(Metric.values()).map(m -> "`" + m.id() + "`").toList(),
        rows.stream().map(cells -> cells[0]).toList(),
        "a row per metric, in Metric's order");
    for (int i = 0; i < rows.size(); i++) {
      Metric metric = Metric.values()[i];
      String[] cells = rows.get(i);
      assertEquals(7, cells.length, metric.id());
      assertEquals(
          List.of(
              metric.meaning(),
              metric.range().toString(),
              metric.unit(),
              metric.direction().words()),
          List.of(cells[1], cells[4], cells[5], cells[6]),
          metric.id() + ": meaning, range, unit, direction");
    }
  }

  @Test
  void configurationDocNamesEveryMetricsAlertKey() throws IOException {
    String ids =
        Arrays.stream(Metric.values())
            .map(m -> "`" + m.id() + "`")
            .collect(Collectors.joining(", "));
    assertTrue(
        Files.readString(Path.of("docs/configuration.md"))
            .contains("METRIC is one of " + ids + " |"),
        "docs/configuration.md's max-change.METRIC lists " + ids);
  }

  /** The lines of a Markdown section, from its heading to the next heading of its level. */
  private static List<String> section(Path doc, String heading) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    int start = lines.indexOf(heading);
    assertTrue(start >= 0, doc + " has " + heading);
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }
}
