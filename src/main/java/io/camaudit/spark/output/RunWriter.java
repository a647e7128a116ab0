package io.camaudit.spark.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One run being written to a {@link RunStore}: its tables and files, visible once committed. */
public interface RunWriter {

  /**
   * Writes {@code rows} as this run's part of {@code table}. A table without rows in this run is
   * still written, so that it reads with its schema.
   *
   * @param groupColumns the run's group columns, for a table that has them
   * @throws IllegalStateException when the rows' columns are not the table's catalogued ones
   */
  void writeTable(Dataset<Row> rows, OutputTable table, List<String> groupColumns);

  /** Writes {@code rows} as this run's part of {@code table}, a table without group columns. */
  default void writeTable(Dataset<Row> rows, OutputTable table) {
    writeTable(rows, table, List.of());
  }

  /** Creates a single file of the run, {@code relative} to the output (e.g. its summary). */
  OutputStream createFile(String relative) throws IOException;

  /** Commits the run: it replaces any earlier run of its id, as a whole. */
  void commit();
}
