package io.camaudit.it;

import io.camaudit.spark.output.TableFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where an integration test's audits write their tables, in either format: Parquet folders under
 * {@code <dir>/out}, or Iceberg tables {@code it_audit.nightly.*} of a Hadoop catalog whose
 * warehouse is {@code <dir>/warehouse}. Gives the job's options and JVM options, and reads the
 * tables and files back.
 */
record AuditStore(TableFormat format, Path dir) {

  private static final String CATALOG = "it_audit";
  private static final String NAMESPACE = "nightly";
  private static final String FORMATS = "camaudit.it.table-formats";

  /** The job's {@code --output}. */
  String output() {
    return format == TableFormat.PARQUET ? root().toString() : CATALOG + "." + NAMESPACE;
  }

  /** The job's options that choose the format. */
  List<String> args() {
    return List.of("--table-format", format.id());
  }

  /** The job's JVM options: the catalog's confs, for Iceberg. */
  List<String> jvmOptions() {
    return catalogConfs().stream().map(c -> "-D" + c[0] + "=" + c[1]).toList();
  }

  /** A file the run wrote beside its tables ({@code summaries/<run_id>.json}, say). */
  Path file(String relative) {
    return format == TableFormat.PARQUET
        ? root().resolve(relative)
        : warehouse().resolve(NAMESPACE).resolve("_files").resolve(relative);
  }

  /**
   * The folder that holds {@code table}'s Parquet files: the table's folder, or the Iceberg table's
   * {@code data} folder (which also keeps the files of runs replaced since).
   */
  Path dataFiles(String table) {
    return format == TableFormat.PARQUET
        ? root().resolve(table)
        : warehouse().resolve(NAMESPACE).resolve(table).resolve("data");
  }

  /**
   * The formats the parameterized tests run on: {@code camaudit.it.table-formats} (a
   * comma-separated list, as .ci/lines passes it), by default both.
   */
  static List<TableFormat> formats() {
    return Arrays.stream(System.getProperty(FORMATS, "parquet,iceberg").split(","))
        .map(TableFormat::parse)
        .toList();
  }

  /** Every run's rows of {@code table}, read by {@code spark}. */
  Dataset<Row> table(SparkSession spark, String table) {
    if (format == TableFormat.PARQUET) {
      return spark.read().parquet(root().resolve(table).toString());
    }
    configure(spark);
    return spark.table(CATALOG + "." + NAMESPACE + "." + table);
  }

  /** Sets the catalog's confs on {@code spark}, for Iceberg, so that it can run audits here. */
  void configure(SparkSession spark) {
    for (String[] conf : catalogConfs()) {
      spark.conf().set(conf[0], conf[1]);
    }
  }

  private List<String[]> catalogConfs() {
    if (format == TableFormat.PARQUET) {
      return List.of();
    }
    String prefix = "spark.sql.catalog." + CATALOG;
    return List.of(
        new String[] {prefix, "org.apache.iceberg.spark.SparkCatalog"},
        new String[] {prefix + ".type", "hadoop"},
        new String[] {prefix + ".warehouse", warehouse().toUri().toString()},
        // Each read sees the latest commit, also one that a job in another JVM has just made.
        new String[] {prefix + ".cache-enabled", "false"});
  }

  private Path root() {
    return dir.resolve("out");
  }

  private Path warehouse() {
    return dir.resolve("warehouse");
  }
}
