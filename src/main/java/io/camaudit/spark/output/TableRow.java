package io.camaudit.spark.output;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of an output table without group columns, built by column name from the table's catalogue
 * ({@link OutputTable#columns()}): values land under their names whatever the order they are given
 * in, and a row with a column missing, unknown to the table or given twice is refused with the
 * column's name. Two columns of one type ({@code ci_low}, {@code ci_high}) cannot trade places the
 * way they can in a positional {@code RowFactory.create}.
 */
public final class TableRow {

  private final OutputTable table;
  private final Map<String, Object> values = new HashMap<>();

  private TableRow(OutputTable table) {
    this.table = table;
  }

  /** An empty row of {@code table}. */
  public static TableRow of(OutputTable table) {
    return new TableRow(table);
  }

  /**
   * Sets {@code column} to {@code value} (which may be null).
   *
   * @throws IllegalArgumentException when the table has no such column, or it was set already
   */
  public TableRow set(OutputColumn column, Object value) {
    String name = column.name();
    if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
      throw new IllegalArgumentException(
          "Table " + table.tableName() + " has no column " + name + "; its columns: " + names());
    }
    if (values.containsKey(name)) {
      throw new IllegalArgumentException(
          "Column " + name + " of table " + table.tableName() + " is set twice");
    }
    values.put(name, value);
    return this;
  }

  /**
   * The row, its values in the catalogue's order.
   *
   * @throws IllegalStateException naming the columns that were not set
   */
  public Row build() {
    List<String> missing = names().stream().filter(n -> !values.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Row of table " + table.tableName() + " lacks columns " + missing);
    }
    return RowFactory.create(names().stream().map(values::get).toArray());
  }

  private List<String> names() {
    return table.columns().stream().map(OutputColumn::name).toList();
  }
}
