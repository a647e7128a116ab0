package io.camaudit.cli;

import static io.camaudit.cli.HelpSection.INPUT;
import static io.camaudit.cli.HelpSection.OUTPUT;
import static io.camaudit.cli.HelpSection.REPORT;

import io.camaudit.report.ReportJob;
import io.camaudit.spark.input.ManifestFormat;
import io.camaudit.spark.output.TableFormat;
import java.util.List;
import java.util.concurrent.Callable;
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
      description =
          "The audit's output root (local path, hdfs:// or s3a://); with --table-format iceberg,"
              + " its <catalog>.<namespace>.")
  String output;

  @Section(OUTPUT)
  @Option(
      names = "--table-format",
      defaultValue = "parquet",
      description =
          "How the audit stored its tables: parquet or iceberg (default ${DEFAULT-VALUE}).")
  String tableFormat;

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
          "The manifest for the image files and ground-truth boxes of the gallery and the"
              + " nightly diff's images (default: the one the run read, from its summary).")
  String manifest;

  @Section(INPUT)
  @Option(
      names = "--manifest-format",
      converter = ManifestFormatConverter.class,
      description =
          "The manifest's format, as for audit (default: the run's for the run's manifest;"
              + " detected as audit does for --manifest).")
  ManifestFormat manifestFormat;

  @Section(INPUT)
  @Option(
      names = "--images-root",
      converter = LocationConverter.class,
      description =
          "Folder that COCO file_name and VOC <filename> values are relative to, as for audit"
              + " (default: the run's for the run's manifest; the format's default for"
              + " --manifest).")
  String imagesRoot;

  @Section(REPORT)
  @Option(
      names = "--center-crop",
      split = ",",
      paramLabel = "WIDTH,HEIGHT,SHORTER",
      description =
          "Place maps on a centre crop: the crop size and the shorter side before cropping"
              + " (default: as the run's model preprocessing, from its summary: the crop of a"
              + " center-crop model, the whole image for stretch).")
  List<Integer> centerCrop;

  @Override
  public Integer call() throws Exception {
    int[] crop =
        centerCrop == null ? null : centerCrop.stream().mapToInt(Integer::intValue).toArray();
    ReportJob.Options options =
        new ReportJob.Options(
            output,
            TableFormat.parse(tableFormat),
            runId,
            html,
            gallery,
            groupColumn,
            manifest,
            manifestFormat,
            imagesRoot,
            crop);
    ReportJob.Result result =
        CommandSession.run("cam-audit report", spark -> new ReportJob(spark, options).run());
    System.out.printf(
        "report for run %s: %s (%d bytes, %d gallery images)%n",
        runId, result.location(), result.bytes(), result.galleryImages());
    if (result.onGrey() != null) {
      System.out.printf("report for run %s: %s%n", runId, result.onGrey());
    }
    return 0;
  }
}
