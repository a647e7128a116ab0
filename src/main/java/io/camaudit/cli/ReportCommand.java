package io.camaudit.cli;

import static io.camaudit.cli.HelpSection.INPUT;
import static io.camaudit.cli.HelpSection.OUTPUT;
import static io.camaudit.cli.HelpSection.REPORT;

import io.camaudit.report.ReportJob;
import io.camaudit.spark.input.ManifestFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: one self-contained HTML page from a run's audit tables. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes one self-contained HTML report (inline CSS, SVG charts and PNG overlays; no"
            + " scripts, no external references) from the tables of one audit run: the run, group"
            + " metrics with 95%% intervals, disparities, the nightly diff, MaxBoxAcc curves over"
            + " tau and a gallery of heatmap overlays for the worst and best images per group."
            + " Reads with Spark (local mode unless a master is set). See docs/report.md.")
final class ReportCommand implements Callable<Integer> {

  @Section(OUTPUT)
  @Option(
      names = "--output",
      required = true,
      converter = LocationConverter.class,
      description = "The audit's output root (local path, hdfs:// or s3a://).")
  String output;

  @Section(OUTPUT)
  @Option(
      names = "--run-id",
      required = true,
      converter = RunIdConverter.class,
      description = "The run to report on.")
  String runId;

  @Section(REPORT)
  @Option(
      names = "--html",
      converter = LocationConverter.class,
      description =
          "The HTML file to write, any Hadoop file system"
              + " (default: <output>/reports/<run-id>.html).")
  String html;

  @Section(REPORT)
  @Option(
      names = "--gallery",
      defaultValue = "4",
      description =
          "Images with the lowest and with the highest energy_in_fraction shown per"
              + " group; 0 leaves the gallery out (default ${DEFAULT-VALUE}).")
  int gallery;

  @Section(REPORT)
  @Option(
      names = "--group-col",
      description =
          "Group column of the gallery (default: the run's first group column; all"
              + " images as one group when the run has none).")
  String groupColumn;

  @Section(INPUT)
  @Option(
      names = "--manifest",
      converter = LocationConverter.class,
      description =
          "The run's manifest, for the image files and ground-truth boxes of the"
              + " gallery and the nightly diff's images (no table stores image paths). Without it"
              + " heatmaps are drawn on grey.")
  String manifest;

  @Section(INPUT)
  @Option(
      names = "--manifest-format",
      description = "The manifest's format, as for audit (default: detected as audit does).")
  String manifestFormat;

  @Section(REPORT)
  @Option(
      names = "--center-crop",
      split = ",",
      paramLabel = "WIDTH,HEIGHT,SHORTER",
      description =
          "For models with center-crop preprocessing: the crop size and the shorter"
              + " side before cropping (as in the model's preprocessing), so maps are placed on the"
              + " crop. Default: maps cover the whole image (stretch, the demo model).")
  List<Integer> centerCrop;

  @Override
  public Integer call() throws Exception {
    int[] crop =
        centerCrop == null ? null : centerCrop.stream().mapToInt(Integer::intValue).toArray();
    ReportJob.Options options =
        new ReportJob.Options(
            output,
            runId,
            html,
            gallery,
            groupColumn,
            manifest,
            manifestFormat == null
                ? null
                : ManifestFormat.valueOf(manifestFormat.trim().toUpperCase(Locale.ROOT)),
            crop);
    ReportJob.Result result;
    try (SparkSession spark = session()) {
      result = new ReportJob(spark, options).run();
    }
    System.out.printf(
        "report for run %s: %s (%d bytes, %d gallery images)%n",
        runId, result.location(), result.bytes(), result.galleryImages());
    return 0;
  }

  private static SparkSession session() {
    SparkConf conf = new SparkConf().setAppName("cam-audit report");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
