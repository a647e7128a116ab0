package io.camaudit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and columns that {@code docs/outputs.md} documents: under each {@code ## `table`}
 * heading, the rows {@code | `column` | type | …}. Lets tests hold the outputs to the docs.
 */
final class DocumentedTables {

  private static final Pattern HEADING = Pattern.compile("^## `([a-z_]+)`");
  private static final Pattern COLUMN = Pattern.compile("^\\| `([a-z_0-9]+)` \\| ([a-z<>]+) \\|");

  private DocumentedTables() {}

  /** Table name to (column name to documented type), in document order. */
  static Map<String, Map<String, String>> read(Path outputsDoc) throws IOException {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    Map<String, String> current = null;
    List<String> lines = Files.readAllLines(outputsDoc);
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        current = new LinkedHashMap<>();
        tables.put(heading.group(1), current);
        continue;
      }
      if (line.startsWith("## ")) {
        current = null;
        continue;
      }
      Matcher column = COLUMN.matcher(line);
      if (current != null && column.find()) {
        current.put(column.group(1), column.group(2));
      }
    }
    return tables;
  }
}
