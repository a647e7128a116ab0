package io.camaudit.cli;

import static io.camaudit.cli.HelpSection.BAD_INPUT;
import static io.camaudit.cli.HelpSection.CONSOLE;
import static io.camaudit.cli.HelpSection.GENERAL;
import static io.camaudit.cli.HelpSection.INPUT;
import static io.camaudit.cli.HelpSection.METRICS;
import static io.camaudit.cli.HelpSection.MODEL_AND_METHOD;
import static io.camaudit.cli.HelpSection.NIGHTLY;
import static io.camaudit.cli.HelpSection.OUTPUT;

import io.camaudit.audit.MeasureSettings;
import io.camaudit.audit.PerturbationSettings;
import io.camaudit.audit.TargetSelection;
import io.camaudit.cam.CamMethods;
import io.camaudit.data.DecodeSettings;
import io.camaudit.image.ColourMap;
import io.camaudit.image.RegionFill;
import io.camaudit.metrics.LocalisationProtocol;
import io.camaudit.metrics.ThresholdGrid;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.Metric;
import io.camaudit.model.ModelLocator;
import io.camaudit.model.Precision;
import io.camaudit.nightly.AlertRules;
import io.camaudit.nightly.BaselineRequest;
import io.camaudit.spark.AuditJob;
import io.camaudit.spark.AuditOptions;
import io.camaudit.spark.AuditSettings;
import io.camaudit.spark.ExplainSettings;
import io.camaudit.spark.TaskThreads;
import io.camaudit.spark.input.ManifestFormat;
import io.camaudit.spark.output.CocoSettings;
import io.camaudit.spark.output.RunSummary;
import io.camaudit.spark.output.SlicesTable;
import io.camaudit.spark.output.TableFormat;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the Grad-CAM dataset audit on Spark. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Explains every image of a manifest with Grad-CAM on Spark and writes the audit tables"
            + " (Parquet) and a run summary. Under spark-submit the cluster's master is used;"
            + " otherwise Spark runs in local mode on all cores.")
final class AuditCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Section(INPUT)
  @Option(
      names = "--manifest",
      converter = LocationConverter.class,
      required = true,
      description =
          "The images to audit (local path, hdfs:// or s3a://): a manifest (Parquet, CSV"
              + " or JSON Lines with image_id, path, label, boxes and group columns), a COCO"
              + " instances JSON file, a Pascal VOC folder or a folder of images.")
  String manifest;

  @Section(INPUT)
  @Option(
      names = "--manifest-format",
      converter = ManifestFormatConverter.class,
      description =
          "parquet, csv, json (JSON Lines), coco, voc or images (default: from the"
              + " manifest's extension; a .json file holding one object with images and annotations"
              + " arrays is read as coco; voc and images folders need this option).")
  ManifestFormat manifestFormat;

  @Section(INPUT)
  @Option(
      names = "--images-root",
      converter = LocationConverter.class,
      description =
          "Folder that COCO file_name and VOC <filename> values are relative to"
              + " (default: the COCO file's folder; the VOC folder's JPEGImages/).")
  String imagesRoot;

  @Section(INPUT)
  @Option(
      names = "--groups-table",
      converter = LocationConverter.class,
      description =
          "Side table of group columns (Parquet, CSV or JSON Lines, by extension) with"
              + " an image_id column, left-joined to the manifest; its columns can be named in"
              + " --group-cols.")
  String groupsTable;

  @Section(INPUT)
  @Option(
      names = "--group-cols",
      split = ",",
      defaultValue = "",
      description =
          "Comma-separated columns to group the audit by: manifest columns, COCO image"
              + " fields, VOC or image folder columns (docs/inputs.md), or --groups-table columns.")
  List<String> groupColumns;

  @Section(OUTPUT)
  @Option(
      names = "--output",
      required = true,
      converter = LocationConverter.class,
      description =
          "Output root for the tables; with --table-format iceberg, the catalog and namespace"
              + " (<catalog>.<namespace>, e.g. audit.nightly).")
  String output;

  @Section(OUTPUT)
  @Option(
      names = "--table-format",
      defaultValue = "parquet",
      description =
          "How the tables are stored: parquet (folders under --output) or iceberg (tables of the"
              + " Spark catalog --output names, configured by its spark.sql.catalog.* confs;"
              + " docs/deployment.md, Catalogs) (default ${DEFAULT-VALUE}).")
  String tableFormat;

  @Section(OUTPUT)
  @Option(
      names = "--run-id",
      converter = RunIdConverter.class,
      description =
          "Run id, the partition of every table; re-running it replaces that run"
              + " (default: the current local time, yyyyMMdd-HHmmss).")
  String runId;

  @Section(OUTPUT)
  @Option(
      names = "--heatmap-png",
      description = "Also store each heatmap, on the metrics grid, as an 8-bit PNG.")
  boolean heatmapPng;

  @Section(OUTPUT)
  @Option(
      names = "--overlay-png",
      arity = "0..1",
      fallbackValue = ColourMap.DEFAULT_ID,
      paramLabel = "COLOUR_MAP",
      description =
          "Also store each heatmap drawn over its image, on the metrics grid, as an RGB PNG with"
              + " this colour map: turbo (alone: --overlay-png) or viridis, blended as"
              + " pytorch-grad-cam's show_cam_on_image (docs/outputs.md). Needs OpenCV's natives,"
              + " which the application jar ships for linux-x86_64.")
  String overlayPng;

  @Section(OUTPUT)
  @Option(
      names = "--coco-tau",
      description =
          "Export the weakly supervised boxes at this threshold as COCO JSON"
              + " (boxes_coco/<run_id>.json); one of --thresholds. File names are relative to"
              + " --images-root for images under it.")
  Double cocoTau;

  @Section(OUTPUT)
  @Option(
      names = "--coco-min-area",
      defaultValue = "0",
      description =
          "With --coco-tau: leave out boxes smaller than this, square pixels (default"
              + " ${DEFAULT-VALUE}: every box).")
  double cocoMinArea;

  @Section(OUTPUT)
  @Option(
      names = "--coco-top-k",
      defaultValue = "0",
      description =
          "With --coco-tau: export at most this many boxes per image, the highest energy share"
              + " first (default ${DEFAULT-VALUE}: every box).")
  int cocoTopK;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--model",
      defaultValue = ModelLocator.DEMO_MODEL,
      description =
          "Model directory (local, hdfs://, s3a://) or builtin:NAME"
              + " (default ${DEFAULT-VALUE}).")
  String model;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--method",
      defaultValue = CamMethods.DEFAULT,
      description =
          "CAM method: gradcam, gradcam++, xgradcam, layercam, hirescam, eigencam or"
              + " scorecam (docs/methods.md; default ${DEFAULT-VALUE}).")
  String method;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--targets",
      defaultValue = "label",
      description =
          "Classes to explain per image: label (its label, else the predicted class), predicted,"
              + " all-labels (every class its label or boxes name: one row per image and class),"
              + " or top-k:K (the model's K most probable classes) (default ${DEFAULT-VALUE}).")
  String targets;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--precision",
      defaultValue = "fp32",
      description =
          "Number type the model's features compute in: fp32, bf16 (fast on CPUs with AVX-512"
              + " BF16 or AMX, and on GPUs) or fp16 (GPUs); the head and the gradient stay fp32."
              + " bf16 and fp16 need a TorchScript export with --precisions"
              + " (docs/torchscript.md) (default ${DEFAULT-VALUE}).")
  String precision;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--batch-size",
      defaultValue = "" + ExplainSettings.DEFAULT_BATCH_SIZE,
      description = "Images per model call (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--partitions",
      defaultValue = "0",
      description =
          "Partitions (tasks) to spread the images over; 0: twice Spark's default"
              + " parallelism (its cores), more for over 10000 images a task"
              + " (default ${DEFAULT-VALUE}).")
  int partitions;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--device",
      defaultValue = ExplainSettings.DEFAULT_DEVICE,
      description =
          "Where models run: auto (the gpu resource Spark gives a task, else the CPU), cpu, gpu or"
              + " gpu:N (local mode on a GPU machine) (default ${DEFAULT-VALUE}).")
  String device;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--intra-op-threads",
      defaultValue = "0",
      description =
          "libtorch intra-op threads per task; 0 gives each task the cores Spark gives"
              + " it (spark.task.cpus) (default ${DEFAULT-VALUE}).")
  int intraOpThreads;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--prepare-threads",
      defaultValue = "0",
      description =
          "Threads per task that read, decode and preprocess images; 0 for"
              + " spark.task.cpus (default ${DEFAULT-VALUE}).")
  int prepareThreads;

  @Section(MODEL_AND_METHOD)
  @Option(
      names = "--prefetch-batches",
      defaultValue = "-1",
      description =
          "Batches prepared while the model explains one; -1: 2 when the task's model"
              + " runs on a GPU, 0 on the CPU, where both share the task's cores"
              + " (default ${DEFAULT-VALUE}).")
  int prefetchBatches;

  @Section(BAD_INPUT)
  @Option(
      names = "--max-pixels",
      defaultValue = "" + DecodeSettings.DEFAULT_MAX_PIXELS,
      description =
          "Reject images declaring more pixels, before decoding" + " (default ${DEFAULT-VALUE}).")
  long maxPixels;

  @Section(BAD_INPUT)
  @Option(
      names = "--max-file-bytes",
      defaultValue = "" + DecodeSettings.DEFAULT_MAX_FILE_BYTES,
      description = "Reject larger files before reading them (default ${DEFAULT-VALUE}).")
  long maxFileBytes;

  @Section(BAD_INPUT)
  @Option(
      names = "--exact-decoding",
      description =
          "Decode every image at full size. By default a JPEG much larger than the"
              + " model's input is decoded at 1/2, 1/4 or 1/8 scale (DCT scaling), several times"
              + " faster; docs/models.md gives the difference.")
  boolean exactDecoding;

  @Section(METRICS)
  @Option(
      names = "--thresholds",
      defaultValue = "0.05:0.95:0.05",
      description =
          "Thresholds, relative to each map's maximum, for weakly supervised boxes and"
              + " MaxBoxAcc: start:stop:step or a comma list; 0.15 (the CAM box's) is always added"
              + " (default ${DEFAULT-VALUE}).")
  String thresholds;

  @Section(METRICS)
  @Option(
      names = "--pointing-tolerance",
      defaultValue = "15",
      description = "Pointing game tolerance in pixels (default ${DEFAULT-VALUE}).")
  double pointingTolerance;

  @Section(METRICS)
  @Option(
      names = "--metrics-grid",
      defaultValue = "" + MeasureSettings.DEFAULT_GRID_CAP,
      description =
          "Longest side, in cells, of the grid that threshold regions (weak boxes, CAM"
              + " box, MaxBoxAcc) are found on; smaller images are measured on their own pixels."
              + " Energy and the pointing game are exact at any size (default ${DEFAULT-VALUE}).")
  int metricsGrid;

  @Section(METRICS)
  @Option(
      names = "--localisation-protocol",
      defaultValue = "exact",
      description =
          "How MaxBoxAcc finds boxes: exact (connected regions at the image's resolution, the"
              + " run's --thresholds) or wsol (Choe et al.'s evaluation code step by step, for"
              + " figures comparable with published tables; docs/metrics.md) (default"
              + " ${DEFAULT-VALUE}).")
  String localisationProtocol;

  @Section(METRICS)
  @Option(
      names = "--occlusion-fill",
      defaultValue = "blur",
      description =
          "Background reliance: how the boxes' content (background-only image) and everything else"
              + " (object-only image) are filled, on the --perturbation-sample: blur, mean or"
              + " noisy-linear (ROAD's imputation, slower), or none not to measure it"
              + " (docs/metrics.md) (default ${DEFAULT-VALUE}).")
  String occlusionFill;

  @Section(METRICS)
  @Option(
      names = "--perturbation-sample",
      defaultValue = "" + PerturbationSettings.DEFAULT_SAMPLE,
      description =
          "Share of images measured on perturbed inputs (CAM multiplication: one more forward"
              + " pass; background reliance: two), the same images (by id) every run, 0 for"
              + " none: measured on every image the three passes cost about three times the"
              + " explanation (default ${DEFAULT-VALUE}).")
  double perturbationSample;

  @Section(METRICS)
  @Option(
      names = "--faithfulness-sample",
      defaultValue = "" + PerturbationSettings.DEFAULT_ROAD_SAMPLE,
      description =
          "Share of images whose heatmaps ROAD scores (pytorch-grad-cam's ROADCombined: 18"
              + " imputations and forward passes per image and class, about 20 explanations' cost"
              + " or more on large inputs), the same images (by id) every run (default"
              + " ${DEFAULT-VALUE}: none).")
  double faithfulnessSample;

  @Section(METRICS)
  @Option(
      names = "--bootstrap-seed",
      defaultValue = "0",
      description = "Seed of the bootstrap intervals (default ${DEFAULT-VALUE}).")
  long bootstrapSeed;

  @Section(METRICS)
  @Option(
      names = "--bootstrap-replicates",
      defaultValue = "1000",
      description = "Bootstrap replicates per interval (default ${DEFAULT-VALUE}).")
  int bootstrapReplicates;

  @Section(CONSOLE)
  @Option(
      names = "--progress-seconds",
      defaultValue = "5",
      description =
          "Seconds between progress lines (images done, images/s, time left)"
              + " (default ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Section(NIGHTLY)
  @Option(
      names = "--baseline-run",
      defaultValue = BaselineRequest.NONE,
      description =
          "Compare group_metrics with an earlier run under the same --output and write audit_diff:"
              + " latest (the latest complete run whose --as-of is earlier; none on the first"
              + " run), a run id, or none (default ${DEFAULT-VALUE}). Exit "
              + Main.EXIT_THRESHOLD_BREACHED
              + " when a change breaches the alert rules of --config (docs/metrics.md).")
  String baselineRun;

  @Section(NIGHTLY)
  @Option(
      names = "--as-of",
      converter = AsOfConverter.class,
      description =
          "The instant this run stands for, an ISO-8601 instant or a date (its start, UTC), e.g."
              + " the night a backfill audits; --baseline-run latest compares with the latest run"
              + " before it (default: the run's start).")
  Instant asOf;

  /** Read before the command line is parsed, by {@link OptionDefaults}; declared for its help. */
  @Section(GENERAL)
  @Option(
      names = ConfigFile.OPTION,
      converter = LocationConverter.class,
      description =
          "Properties file (local path, hdfs:// or s3a://) of option defaults (keys: option names"
              + " without dashes, e.g. batch-size) and nightly alert rules (max-change.METRIC,"
              + " alert.*); the command line wins, and the file wins over spark.camaudit.<key>"
              + " Spark confs; unknown keys and bad values exit 2. See"
              + " conf/audit.example.properties.")
  String config;

  @Override
  public Integer call() throws Exception {
    AuditOptions options = options();
    RunSummary summary =
        CommandSession.run("cam-audit", spark -> new AuditJob(spark, options).run());
    print(summary, System.out);
    return summary.comparison().alert() ? Main.EXIT_THRESHOLD_BREACHED : 0;
  }

  /**
   * The audit these options ask for.
   *
   * @throws IllegalArgumentException when a value is invalid (the message names the option)
   */
  AuditOptions options() {
    List<String> groups =
        groupColumns.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    String id =
        runId != null
            ? runId
            : LocalDateTime.now(ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    CamMethods.byName(method);
    return new AuditOptions(
        manifest,
        manifestFormat,
        imagesRoot,
        groupsTable,
        output,
        TableFormat.parse(tableFormat),
        partitions,
        new AuditSettings(
            id,
            new ExplainSettings(
                model,
                method,
                TargetSelection.parse(targets),
                batchSize,
                new DecodeSettings(maxFileBytes, maxPixels, exactDecoding),
                device,
                Precision.parse(precision),
                new TaskThreads(intraOpThreads, prepareThreads, prefetchBatches),
                new MeasureSettings(
                    ThresholdGrid.parse(thresholds),
                    pointingTolerance,
                    heatmapPng,
                    metricsGrid,
                    LocalisationProtocol.parse(localisationProtocol),
                    overlayPng == null ? null : ColourMap.parse(overlayPng),
                    perturbation())),
            groups),
        new AuditOptions.ReportSettings(
            bootstrapSeed,
            bootstrapReplicates,
            BaselineRequest.parse(baselineRun),
            asOf,
            alertRules(),
            coco(),
            progressSeconds));
  }

  /** {@code --occlusion-fill} ({@code none}: no fill) and {@code --perturbation-sample}. */
  private PerturbationSettings perturbation() {
    if (occlusionFill.trim().equalsIgnoreCase("none")) {
      return new PerturbationSettings(null, perturbationSample, faithfulnessSample);
    }
    try {
      return new PerturbationSettings(
          RegionFill.parse(occlusionFill), perturbationSample, faithfulnessSample);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().startsWith("Invalid fill")) {
        throw e;
      }
      throw new IllegalArgumentException(
          "Invalid --occlusion-fill '"
              + occlusionFill
              + "': expected blur, mean, noisy-linear or none (not to measure background"
              + " reliance)",
          e);
    }
  }

  /** {@code --as-of}: an ISO-8601 instant, or a date standing for its start in UTC. */
  static final class AsOfConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.contains("T")
            ? Instant.parse(value)
            : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not an ISO-8601 instant (2026-12-03T02:00:00Z) or date (2026-12-03)");
      }
    }
  }

  private CocoSettings coco() {
    if (cocoTau == null) {
      if (cocoMinArea != 0 || cocoTopK != 0) {
        throw new IllegalArgumentException(
            "Invalid --coco-min-area/--coco-top-k: they filter the COCO export; add --coco-tau");
      }
      return null;
    }
    return new CocoSettings(cocoTau, cocoMinArea, cocoTopK);
  }

  /** The alert rules among the option defaults ({@link OptionDefaults}), if any. */
  private AlertRules alertRules() {
    return spec.defaultValueProvider() instanceof OptionDefaults defaults
        ? AlertConfig.read(defaults.merged())
        : AlertRules.none();
  }

  static void print(RunSummary summary, PrintStream out) {
    RunSummary.Counts counts = summary.counts();
    out.printf(
        "run %s: %d images read, %d processed%s, %d rejected %s in %.1f s (%.1f images/s),"
            + " %d model load(s)%n",
        summary.runId(),
        counts.read(),
        counts.processed(),
        counts.targetsExplained() == counts.processed()
            ? ""
            : " (" + counts.targetsExplained() + " image-class pairs explained)",
        counts.rejected(),
        counts.rejectedByReason(),
        summary.execution().seconds(),
        summary.execution().imagesPerSecond(),
        summary.execution().modelLoads());
    out.printf(
        "%-10s %-10s %7s %9s %9s   %-24s%n",
        "group", "value", "images", "accuracy", "bg-only", "energy in boxes [95% CI]");
    Map<String, GroupMetric> byKey = new LinkedHashMap<>();
    for (GroupMetric m : summary.comparison().groups()) {
      byKey.put(key(m.groupColumn(), m.groupValue(), m.metric()), m);
    }
    byKey.values().stream()
        .filter(m -> m.metric().equals(Metric.MEAN_ENERGY_IN_FRACTION.id()))
        .forEach(
            m ->
                out.printf(
                    "%-10s %-10s %7d %9s %9s   %.3f [%.3f, %.3f]%n",
                    m.groupColumn(),
                    m.groupValue(),
                    m.n(),
                    value(byKey.get(key(m.groupColumn(), m.groupValue(), Metric.ACCURACY.id()))),
                    value(
                        byKey.get(
                            key(
                                m.groupColumn(),
                                m.groupValue(),
                                Metric.BACKGROUND_ONLY_ACCURACY.id()))),
                    m.value(),
                    m.ciLow(),
                    m.ciHigh()));
    printSlices(summary.slices(), out);
    printComparison(summary.comparison(), out);
  }

  /** The classes' top shortcut slices printed at most. */
  static final int SLICES_SHOWN = 5;

  /** The top slices of the classes, highest shortcut score first, at most {@link #SLICES_SHOWN}. */
  private static void printSlices(List<SlicesTable.Slice> slices, PrintStream out) {
    if (slices.isEmpty()) {
      return;
    }
    out.println(
        "shortcut slices, the top one per class by shortcut score (all in slices, slice_members):");
    out.printf(
        "%-21s %7s %9s %9s %9s   %s%n",
        "slice", "images", "score", "accuracy", "bg-only", "energy in boxes");
    for (SlicesTable.Slice slice : slices.subList(0, Math.min(SLICES_SHOWN, slices.size()))) {
      out.printf(
          "%-21s %7d %9s %9s %9s   %s%n",
          slice.slice(),
          slice.images(),
          number(slice.shortcutScore()),
          number(slice.accuracy()),
          number(slice.backgroundOnlyAccuracy()),
          number(slice.energyInFraction()));
    }
    if (slices.size() > SLICES_SHOWN) {
      out.printf("... and the top slices of %d more classes%n", slices.size() - SLICES_SHOWN);
    }
  }

  /** A value for the console tables, {@code -} where undefined. */
  private static String number(Double value) {
    return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String key(String groupColumn, String groupValue, String metric) {
    return groupColumn + "\u0000" + groupValue + "\u0000" + metric;
  }

  /** A metric's value for the console table, {@code -} where the group has none. */
  private static String value(GroupMetric metric) {
    return metric == null ? "-" : number(metric.value());
  }

  private static void printComparison(RunSummary.Comparison comparison, PrintStream out) {
    out.println("baseline: " + comparison.baselineNote());
    RunSummary.Baseline baseline = comparison.baseline();
    if (baseline != null && !baseline.differences().isEmpty()) {
      out.printf(
          "baseline run %s measured another experiment: %s%s%n",
          comparison.baselineRunId(),
          String.join("; ", baseline.differences()),
          comparison.alert() && comparison.breaches() == 0
              ? " (alert: alert.on-model-change = true)"
              : "");
    }
    if (comparison.breaches() > 0) {
      out.printf(
          "%d group metric(s) changed beyond their threshold against run %s: see audit_diff and"
              + " audit_diff_images%n",
          comparison.breaches(), comparison.baselineRunId());
    }
  }
}
