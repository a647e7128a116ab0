package io.camaudit.cli;

import io.camaudit.data.ImageDecoder;
import io.camaudit.model.ModelLocator;
import io.camaudit.spark.AuditJob;
import io.camaudit.spark.AuditOptions;
import io.camaudit.spark.AuditSettings;
import io.camaudit.spark.ManifestReader;
import io.camaudit.spark.RunSummary;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the Grad-CAM dataset audit on Spark. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Explains every image of a manifest with Grad-CAM on Spark and writes the audit"
        + " tables (Parquet) and a run summary. Under spark-submit the cluster's master is used;"
        + " otherwise Spark runs in local mode on all cores.")
final class AuditCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--manifest", required = true,
      description = "Manifest: Parquet, CSV or JSON Lines with image_id, path, label, boxes and"
          + " group columns (local path, hdfs:// or s3a://).")
  String manifest;

  @Option(names = "--manifest-format",
      description = "parquet, csv or json (default: from the manifest's extension).")
  ManifestReader.Format manifestFormat;

  @Option(names = "--output", required = true, description = "Output root for the tables.")
  String output;

  @Option(names = "--run-id",
      description = "Run id, the partition of every table; re-running it replaces that run"
          + " (default: the current local time, yyyyMMdd-HHmmss).")
  String runId;

  @Option(names = "--model", defaultValue = ModelLocator.DEMO_MODEL,
      description = "Model directory (local, hdfs://, s3a://) or builtin:NAME"
          + " (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--batch-size", defaultValue = "16",
      description = "Images per model call (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--partitions", defaultValue = "0",
      description = "Partitions to spread the manifest over; 0 keeps the manifest's own"
          + " (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--group-cols", split = ",", defaultValue = "",
      description = "Comma-separated manifest columns to group the audit by.")
  List<String> groupColumns;

  @Option(names = "--max-pixels", defaultValue = "" + ImageDecoder.DEFAULT_MAX_PIXELS,
      description = "Reject images declaring more pixels, before decoding"
          + " (default ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--max-file-bytes", defaultValue = "268435456",
      description = "Reject larger files before reading them (default ${DEFAULT-VALUE}).")
  long maxFileBytes;

  @Override
  public Integer call() throws Exception {
    List<String> groups = groupColumns.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    String id =
        runId != null ? runId : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    AuditOptions options =
        new AuditOptions(
            manifest, manifestFormat, output, partitions,
            new AuditSettings(id, model, "gradcam", batchSize, maxPixels, maxFileBytes, groups));
    try (SparkSession spark = session()) {
      RunSummary summary = new AuditJob(spark, options).run();
      print(summary, System.out);
    }
    return 0;
  }

  private static SparkSession session() {
    SparkConf conf = new SparkConf().setAppName("cam-audit");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  static void print(RunSummary summary, PrintStream out) {
    RunSummary.Counts counts = summary.counts();
    out.printf("run %s: %d images read, %d processed, %d rejected %s in %.1f s (%.1f images/s),"
            + " %d model load(s)%n",
        summary.runId(), counts.read(), counts.processed(), counts.rejected(),
        counts.rejectedByReason(), summary.seconds(), summary.imagesPerSecond(),
        summary.modelLoads());
    if (!summary.groups().isEmpty()) {
      out.printf("%-12s %-12s %8s %20s%n", "group", "value", "images", "energy in boxes");
      for (RunSummary.GroupEnergy g : summary.groups()) {
        out.printf("%-12s %-12s %8d %20s%n", g.column(), g.value(), g.images(),
            g.meanEnergyInFraction() == null ? "-" : String.format("%.3f", g.meanEnergyInFraction()));
      }
    }
  }
}
