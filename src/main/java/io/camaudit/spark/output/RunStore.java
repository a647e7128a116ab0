package io.camaudit.spark.output;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where the audit's tables live, a run at a time: a run is written whole ({@link RunWriter}), a
 * re-run of its id replaces it, and earlier runs are read back by id. Every writer and reader of
 * the tables goes through this interface and knows nothing of the format behind it ({@link
 * ParquetFolders}, {@link IcebergTables}; {@link TableFormat#open} picks one).
 */
public interface RunStore {

  /**
   * Finishes any replacement an earlier job cut short and removes what an uncommitted earlier
   * attempt at {@code runId} left; call before {@link #begin} and before reading runs.
   */
  void recover(String runId);

  /** Starts writing run {@code runId}: nothing is visible to readers before it commits. */
  RunWriter begin(String runId);

  /** One run's rows of {@code table}; empty when the run wrote no such table. */
  Optional<Dataset<Row>> readRun(OutputTable table, String runId);

  /** Every committed run's rows of {@code table}; empty when no run wrote it. */
  Optional<Dataset<Row>> readAll(OutputTable table);

  /** Where the tables are, for messages. */
  String location();
}
