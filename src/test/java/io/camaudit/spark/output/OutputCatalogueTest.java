package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

/** Holds {@code docs/outputs.md} to the column catalogue, word for word. */
class OutputCatalogueTest {

  private static final Pattern HEADING = Pattern.compile("^## `([a-z_]+)`");

  @Test
  void docsListEveryTableWithItsCataloguedColumns() throws IOException {
    Map<String, List<String>> documented = documentedRows(Path.of("docs/outputs.md"));
    assertEquals(
        Arrays.stream(OutputTable.values()).map(OutputTable::tableName).sorted().toList(),
        documented.keySet().stream().sorted().toList(),
        "docs/outputs.md has a section for each table, and none besides");
    for (OutputTable table : OutputTable.values()) {
      List<String> expected = new ArrayList<>();
      for (OutputColumn column : table.columns()) {
        String unit = column.unit().isEmpty() ? "" : column.unit() + " ";
        expected.add(
            "| `"
                + column.name()
                + "` | "
                + docType(column)
                + " | "
                + column.doc()
                + " | "
                + unit
                + "|");
      }
      assertEquals(expected, documented.get(table.tableName()), table.tableName());
    }
  }

  @Test
  void groupColumnsFollowTheImageIdInImageStatsOnly() {
    List<String> names =
        OutputTable.IMAGE_STATS.fields(List.of("camera", "site")).stream()
            .map(StructField::name)
            .toList();
    assertEquals(List.of("image_id", "camera", "site", "label"), names.subList(0, 4));
    assertEquals(
        OutputTable.HEATMAPS.columns().size(),
        OutputTable.HEATMAPS.fields(List.of("camera")).size());
  }

  /** The type as the docs write it: Spark's catalog names, with {@code long} for bigint. */
  private static String docType(OutputColumn column) {
    String type = column.type().catalogString();
    return type.equals("bigint") ? "long" : type;
  }

  /** Table name to its column rows ({@code | `name` | …}, trailing spaces trimmed). */
  private static Map<String, List<String>> documentedRows(Path doc) throws IOException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(doc)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        current = new ArrayList<>();
        tables.put(heading.group(1), current);
      } else if (line.startsWith("## ")) {
        current = null;
      } else if (current != null && line.startsWith("| `")) {
        current.add(line.replaceAll("\\|\\s+\\|$", "| |").replaceAll("\\s+$", ""));
      }
    }
    return tables;
  }
}
