package io.camaudit.spark.output;

import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables as Parquet folders under one output root ({@link OutputLayout}), a run written and
 * replaced by a {@link RunCommit}.
 */
public final class ParquetFolders implements RunStore {

  private final SparkSession spark;
  private final String root;

  /**
   * @param root the output root, qualified ({@code file:/…}, {@code hdfs://…}, {@code s3a://…})
   */
  public ParquetFolders(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  @Override
  public void recover(String runId) {
    RunCommit.recover(hadoop(), root, runId);
  }

  @Override
  public RunWriter begin(String runId) {
    return RunCommit.begin(hadoop(), root, runId);
  }

  @Override
  public Optional<Dataset<Row>> readRun(OutputTable table, String runId) {
    return OutputLayout.readRun(spark, root, table.tableName(), runId);
  }

  @Override
  public Optional<Dataset<Row>> readAll(OutputTable table) {
    return OutputLayout.readAll(spark, root, table.tableName());
  }

  @Override
  public String location() {
    return root;
  }

  private Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }
}
