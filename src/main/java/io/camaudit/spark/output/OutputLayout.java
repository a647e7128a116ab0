package io.camaudit.spark.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where the tables' files are under the output root: {@code <root>/<table>/<run_id>~<commit>~
 * part-….parquet}, every run's files side by side in one folder per table, {@code run_id} a string
 * column of every file. No folder is named {@code key=value}, so no reader infers a partition
 * column whose type changes with the run's name ({@code 2026-11-25} read as a date, {@code night-1}
 * as a string): Spark, DuckDB and pyarrow read {@code run_id} as the string it is. A run id never
 * holds {@code ~}, so a run's files are those whose name starts with {@code <run_id>~}. Files are
 * written by {@link RunCommit} and read by {@link ParquetFolders}.
 */
public final class OutputLayout {

  /** Separates the run id, the commit and Spark's file name in a table file's name. */
  static final String SEPARATOR = "~";

  private OutputLayout() {}

  /** The start of the names of a run's files of one commit. */
  static String filePrefix(String runId, String commitId) {
    return runId + SEPARATOR + commitId + SEPARATOR;
  }

  /** Whether a table file belongs to {@code runId}. */
  static boolean isRunFile(String name, String runId) {
    return name.startsWith(runId + SEPARATOR);
  }

  /** Whether a file Spark wrote holds table data (not a marker, checksum or hidden file). */
  static boolean isDataFile(String name) {
    return name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".");
  }

  /** The glob of a run's files of {@code table}. */
  private static Path runFiles(String root, String table, String runId) {
    return new Path(root + "/" + table + "/" + runId + SEPARATOR + "*.parquet");
  }

  /** The files of {@code runId} in {@code table}; empty when it has none. */
  private static String[] files(SparkSession spark, String root, String table, String runId) {
    Path glob = runFiles(root, table, runId);
    try {
      FileStatus[] found =
          glob.getFileSystem(spark.sparkContext().hadoopConfiguration()).globStatus(glob);
      return found == null
          ? new String[0]
          : Arrays.stream(found).map(f -> f.getPath().toString()).toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + glob, e);
    }
  }

  /**
   * One run's rows of {@code table}, read from its listed files (a glob would make Spark log a
   * stack trace as it looks for a metadata folder); empty when the run wrote no such table.
   */
  static Optional<Dataset<Row>> readRun(
      SparkSession spark, String root, String table, String runId) {
    String[] files = files(spark, root, table, runId);
    return files.length == 0 ? Optional.empty() : Optional.of(spark.read().parquet(files));
  }

  /** Every run's rows of {@code table}; empty when no run wrote it. */
  static Optional<Dataset<Row>> readAll(SparkSession spark, String root, String table) {
    Path folder = new Path(root, table);
    try {
      return folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(folder)
          ? Optional.of(spark.read().parquet(folder.toString()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
