package io.camaudit;

import io.camaudit.cli.AuditArguments;
import io.camaudit.spark.AuditJob;
import io.camaudit.spark.output.RunSummary;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The audit as a library call on the caller's Spark session: a notebook, a Databricks JAR task, a
 * Livy session, a scheduler's own driver. It takes the {@code audit} command's options (the same
 * names, defaults, {@code spark.camaudit.*} confs and checks), writes the same tables and returns
 * the run summary; it never exits the JVM and never stops the session. A nightly alert is {@code
 * summary.comparison().alert()} (the command line's exit code 3).
 *
 * <pre>{@code
 * RunSummary summary = CamAudit.audit(spark, Map.of(
 *     "manifest", "s3a://data/manifest.parquet", "output", "s3a://audits/shapes",
 *     "group-cols", "source", "baseline-run", "latest"));
 * }</pre>
 */
public final class CamAudit {

  private CamAudit() {}

  /**
   * Audits with {@code options}, keyed as in a {@code --config} file ({@code manifest}, {@code
   * output}, {@code batch-size}, {@code max-change.accuracy}, …).
   *
   * @throws IllegalArgumentException when an option is invalid (the message names it)
   */
  public static RunSummary audit(SparkSession spark, Map<String, String> options) {
    return new AuditJob(spark, AuditArguments.parse(spark, options)).run();
  }

  /**
   * Audits with command-line words ({@code "--manifest", "m.parquet", "--output", "out/"}).
   *
   * @throws IllegalArgumentException when an option is invalid (the message names it)
   */
  public static RunSummary audit(SparkSession spark, String... args) {
    return new AuditJob(spark, AuditArguments.parse(spark, Map.of(), args)).run();
  }
}
