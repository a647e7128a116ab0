package io.camaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.demo.DatasetWriter;
import io.camaudit.demo.ShortcutDatasetGenerator;
import io.camaudit.spark.output.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library entry point in a shared session, as a notebook uses it: two audits in one session,
 * options from a map, from command-line words and from the session's {@code spark.camaudit.*}
 * confs; the session keeps running and keeps its own settings, and a bad option is an exception.
 */
class CamAuditTest {

  @TempDir static Path dir;
  private static SparkSession spark;
  private static String manifest;

  @BeforeAll
  static void session() throws Exception {
    manifest =
        DatasetWriter.write(new ShortcutDatasetGenerator(5), 16, dir.resolve("data"))
            .file()
            .toString();
    // Spark's own shuffle partitions (not LocalSpark's 2), which the job sets for its run only.
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("notebook")
            .config("spark.ui.enabled", false)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void twoAuditsInOneSessionLeaveItRunningAsItWas() {
    spark.conf().set("spark.camaudit.group-cols", "source");
    String shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
    String output = dir.resolve("audit").toString();

    RunSummary first =
        CamAudit.audit(
            spark,
            Map.of(
                "manifest",
                manifest,
                "output",
                output,
                "run-id",
                "monday",
                "bootstrap-replicates",
                "200"));
    RunSummary second =
        CamAudit.audit(
            spark,
            "--manifest",
            manifest,
            "--output",
            output,
            "--run-id",
            "tuesday",
            "--baseline-run",
            "monday",
            "--bootstrap-replicates",
            "200");

    assertFalse(spark.sparkContext().isStopped(), "the caller's session keeps running");
    assertEquals(shufflePartitions, spark.conf().get("spark.sql.shuffle.partitions"));
    assertEquals(16, first.counts().read());
    assertEquals(first.counts().processed(), second.counts().processed());
    assertEquals("monday", second.comparison().baselineRunId());
    assertTrue(
        second.comparison().groups().stream().anyMatch(g -> g.groupColumn().equals("source")),
        "the session's spark.camaudit.group-cols reached both runs");
    assertEquals(2, spark.read().parquet(output + "/runs").count());
  }

  @Test
  void aBadOptionIsAnExceptionNamingItAndTheSessionRuns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CamAudit.audit(spark, Map.of("manifest", manifest, "bach-size", "8")));
    assertTrue(e.getMessage().contains("'bach-size' (did you mean 'batch-size'?)"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CamAudit.audit(spark, "--manifest", manifest, "--output", "o", "--quiet"));
    assertFalse(spark.sparkContext().isStopped());
  }
}
