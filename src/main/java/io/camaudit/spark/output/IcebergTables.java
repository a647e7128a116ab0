package io.camaudit.spark.output;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables as Apache Iceberg tables {@code <catalog>.<namespace>.<table>} of a Spark catalog,
 * each partitioned by {@code run_id}. A run's tables are written when it commits ({@link
 * IcebergRun}): one overwrite of the run's partition per table, {@code runs} last, so that {@code
 * runs} is the marker a reader trusts. The run's single files (summary, COCO export) go to a files
 * location, staged and moved in by a {@link RunCommit} as for Parquet folders.
 */
public final class IcebergTables implements RunStore {

  /** The Spark conf of the files location; by default {@code <warehouse>/<namespace>/_files}. */
  public static final String FILES_LOCATION = "spark.camaudit.files-location";

  private static final String CATALOG_CONF = "spark.sql.catalog.";

  private final SparkSession spark;
  private final String catalog;
  private final List<String> namespace;
  private final String filesLocation;

  private IcebergTables(
      SparkSession spark, String catalog, List<String> namespace, String filesLocation) {
    this.spark = spark;
    this.catalog = catalog;
    this.namespace = namespace;
    this.filesLocation = filesLocation;
  }

  /**
   * The tables of the namespace {@code output} names ({@code <catalog>.<namespace>}), created if
   * absent; the catalog is configured by the session's {@code spark.sql.catalog.<catalog>} confs.
   *
   * @throws IllegalArgumentException naming the option and the fix when {@code output} names no
   *     namespace, its catalog is not configured or not Iceberg's, or there is no files location
   */
  public static IcebergTables open(SparkSession spark, String output) {
    List<String> parts = Arrays.asList(output.split("\\.", -1));
    if (parts.size() < 2 || parts.stream().anyMatch(p -> !p.matches("[A-Za-z0-9_]+"))) {
      throw new IllegalArgumentException(
          "Invalid --output '"
              + output
              + "' for --table-format iceberg: expected <catalog>.<namespace>, names of letters,"
              + " digits and _ (e.g. audit.nightly)");
    }
    String catalog = parts.get(0);
    List<String> namespace = parts.subList(1, parts.size());
    String implementation = spark.conf().get(CATALOG_CONF + catalog, "");
    if (implementation.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid --output '"
              + output
              + "': no Spark catalog '"
              + catalog
              + "'; configure it, e.g. --conf "
              + CATALOG_CONF
              + catalog
              + "=org.apache.iceberg.spark.SparkCatalog with "
              + CATALOG_CONF
              + catalog
              + ".type and .warehouse (docs/deployment.md, Catalogs)");
    }
    try {
      Class.forName(implementation, false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "Invalid --table-format iceberg: the catalog class "
              + implementation
              + " of "
              + CATALOG_CONF
              + catalog
              + " is not on the classpath; add the Iceberg Spark runtime of this Spark line (e.g."
              + " --packages org.apache.iceberg:iceberg-spark-runtime-<spark>_<scala>:<version>,"
              + " docs/deployment.md, Catalogs)",
          e);
    }
    String files = spark.conf().get(FILES_LOCATION, "");
    if (files.isEmpty()) {
      String warehouse = spark.conf().get(CATALOG_CONF + catalog + ".warehouse", "");
      if (warehouse.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid --table-format iceberg: catalog "
                + catalog
                + " has no warehouse to put the run summaries and COCO exports under; set --conf "
                + FILES_LOCATION
                + "=<folder>");
      }
      files = warehouse.replaceAll("/+$", "") + "/" + String.join("/", namespace) + "/_files";
    }
    IcebergTables tables = new IcebergTables(spark, catalog, List.copyOf(namespace), files);
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + tables.quoted(List.of()));
    return tables;
  }

  @Override
  public void recover(String runId) {
    RunCommit.recover(hadoop(), filesLocation, runId);
  }

  @Override
  public RunWriter begin(String runId) {
    return new IcebergRun(this, runId, RunCommit.begin(hadoop(), filesLocation, runId));
  }

  @Override
  public Optional<Dataset<Row>> readRun(OutputTable table, String runId) {
    return readAll(table).map(rows -> rows.where(OutputColumns.RUN_ID.col().equalTo(runId)));
  }

  @Override
  public Optional<Dataset<Row>> readAll(OutputTable table) {
    String name = name(table);
    return exists(table) ? Optional.of(spark.table(name)) : Optional.empty();
  }

  @Override
  public String location() {
    return catalog + "." + String.join(".", namespace);
  }

  /** The table's name in SQL, each part quoted: {@code `audit`.`nightly`.`image_stats`}. */
  String name(OutputTable table) {
    return quoted(List.of(table.tableName()));
  }

  /** Whether the table exists in the catalog. */
  boolean exists(OutputTable table) {
    return spark.catalog().tableExists(name(table));
  }

  SparkSession spark() {
    return spark;
  }

  private String quoted(List<String> more) {
    StringBuilder name = new StringBuilder("`").append(catalog).append('`');
    for (String part : namespace) {
      name.append(".`").append(part).append('`');
    }
    for (String part : more) {
      name.append(".`").append(part).append('`');
    }
    return name.toString();
  }

  private Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }
}
