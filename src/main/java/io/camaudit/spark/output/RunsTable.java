package io.camaudit.spark.output;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The {@code runs} table: one row per run, the run summary in columns. */
public final class RunsTable {

  private RunsTable() {}

  /** Stages {@code summary}'s row, in {@link OutputTable#RUNS} order. */
  public static void write(SparkSession spark, RunCommit run, RunSummary summary) {
    RunSummary.Counts counts = summary.counts();
    RunSummary.Execution execution = summary.execution();
    Row row =
        RowFactory.create(
            summary.period().startedAt(),
            summary.period().finishedAt(),
            summary.codeVersion(),
            summary.model().get("location"),
            summary.model().get("name"),
            summary.model().get("digest"),
            summary.model().get("layer"),
            summary.model().get("method"),
            counts.read(),
            counts.processed(),
            counts.rejected(),
            execution.modelLoads(),
            execution.executors().toArray(new String[0]),
            execution.seconds(),
            execution.imagesPerSecond(),
            summary.toJson(),
            summary.runId());
    run.writeTable(
        spark.createDataFrame(List.of(row), OutputTable.RUNS.schema()).coalesce(1),
        OutputTable.RUNS);
  }
}
