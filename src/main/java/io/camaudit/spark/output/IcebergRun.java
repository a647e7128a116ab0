package io.camaudit.spark.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;

/**
 * One run written to {@link IcebergTables}. Its tables are computed as they are staged and held on
 * the executors (an executor lost before the commit fails it) until {@link #commit}, then written
 * one after another, each one Iceberg commit that replaces the run's partition ({@code run_id})
 * whole. So that a reader who trusts {@code runs} never mixes two versions of a run, the run's
 * {@code runs} row is withdrawn first and written last: while the tables change, the run is not in
 * {@code runs}; a job killed meanwhile leaves it out until its id is run again, each table holding
 * one copy of the run, old or new.
 */
final class IcebergRun implements RunWriter {

  /** Lets a write add columns to a table: a run's new group columns. */
  private static final String ACCEPT_ANY_SCHEMA = "write.spark.accept-any-schema";

  private final IcebergTables tables;
  private final String runId;
  private final RunCommit files;
  private final Map<OutputTable, Dataset<Row>> pending = new LinkedHashMap<>();

  /**
   * @param files stages the run's single files under the files location and moves them in
   */
  IcebergRun(IcebergTables tables, String runId, RunCommit files) {
    this.tables = tables;
    this.runId = runId;
    this.files = files;
  }

  @Override
  public void writeTable(Dataset<Row> rows, OutputTable table, List<String> groupColumns) {
    table.checkColumns(rows.schema(), groupColumns);
    // Computed now and kept on the executors, cut from their lineage: what the rows were computed
    // from (a broadcast, a cached dataset) may be gone by the time the run commits.
    if (pending.putIfAbsent(table, rows.localCheckpoint(true)) != null) {
      throw new IllegalStateException("Table " + table.tableName() + " written twice in one run");
    }
  }

  @Override
  public OutputStream createFile(String relative) throws IOException {
    return files.createFile(relative);
  }

  @Override
  public void commit() {
    Dataset<Row> runsRow = pending.remove(OutputTable.RUNS);
    if (runsRow == null) {
      throw new IllegalStateException("Run " + runId + " commits without its runs row");
    }
    CrashPoint.haltIfAsked(CrashPoint.STAGED);
    if (tables.exists(OutputTable.RUNS)) {
      write(OutputTable.RUNS, runsRow.limit(0));
    }
    boolean first = true;
    for (Map.Entry<OutputTable, Dataset<Row>> table : pending.entrySet()) {
      write(table.getKey(), table.getValue());
      if (first) {
        CrashPoint.haltIfAsked(CrashPoint.REPLACING);
        first = false;
      }
    }
    files.commit();
    write(OutputTable.RUNS, runsRow);
  }

  /**
   * Replaces the run's partition of {@code table} by {@code rows}, creating the table if absent.
   */
  private void write(OutputTable table, Dataset<Row> rows) {
    String name = tables.name(table);
    try {
      if (!tables.exists(table)) {
        rows.writeTo(name)
            .partitionedBy(col(OutputColumns.RUN_ID.name()))
            .tableProperty(ACCEPT_ANY_SCHEMA, "true")
            .create();
        return;
      }
      Column ofRun = col(OutputColumns.RUN_ID.name()).equalTo(lit(runId));
      inTableOrder(rows, tables.spark().table(name).columns())
          .writeTo(name)
          .option("mergeSchema", "true")
          .overwrite(ofRun);
    } catch (TableAlreadyExistsException | NoSuchTableException e) {
      throw new IllegalStateException(
          "Table "
              + name
              + " was created or dropped by another job while run "
              + runId
              + " was written; run it again",
          e);
    }
  }

  /**
   * {@code rows} with the table's columns in the table's order, then their new ones (a run's new
   * group columns, which the write adds at the end).
   */
  private static Dataset<Row> inTableOrder(Dataset<Row> rows, String[] tableColumns) {
    List<String> present = Arrays.asList(rows.columns());
    List<Column> ordered = new ArrayList<>();
    for (String column : tableColumns) {
      if (present.contains(column)) {
        ordered.add(col(column));
      }
    }
    List<String> known = Arrays.asList(tableColumns);
    for (String column : present) {
      if (!known.contains(column)) {
        ordered.add(col(column));
      }
    }
    return rows.select(ordered.toArray(new Column[0]));
  }
}
