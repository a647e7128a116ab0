package io.camaudit.spark;

import io.camaudit.audit.PerturbationSettings;
import io.camaudit.image.ColourMap;
import io.camaudit.nightly.AlertRules;
import io.camaudit.nightly.BaselineRequest;
import io.camaudit.nightly.RunId;
import io.camaudit.spark.input.HadoopFiles;
import io.camaudit.spark.input.ManifestFormat;
import io.camaudit.spark.input.ManifestReader;
import io.camaudit.spark.output.CocoSettings;
import io.camaudit.spark.output.TableFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The audit job's options, as the command line gives them.
 *
 * @param manifest manifest location
 * @param manifestFormat manifest format, or {@code null} to tell it from the extension (and, for
 *     {@code .json}, the content: COCO or JSON Lines)
 * @param imagesRoot folder COCO and VOC image file names are relative to, or {@code null} for the
 *     format's default
 * @param groupsTable side table of group columns joined by {@code image_id}, or {@code null}
 * @param output output root (Parquet), or {@code <catalog>.<namespace>} (Iceberg)
 * @param tableFormat how the tables are stored
 * @param partitions partitions to spread the manifest over; 0 keeps the manifest's own
 * @param settings what every task needs
 * @param report what to summarise on the driver, and against what
 */
public record AuditOptions(
    String manifest,
    ManifestFormat manifestFormat,
    String imagesRoot,
    String groupsTable,
    String output,
    TableFormat tableFormat,
    int partitions,
    AuditSettings settings,
    ReportSettings report) {

  /**
   * Driver-side settings: group statistics, the nightly comparison, exports.
   *
   * @param bootstrapSeed seed of the bootstrap weights
   * @param bootstrapReplicates bootstrap replicates per interval
   * @param baseline run to compare {@code group_metrics} with
   * @param asOf the instant the run stands for, or {@code null} for its start
   * @param alerts when a change against the baseline alerts
   * @param coco what the COCO export of weak boxes holds, or {@code null} for no export
   * @param progressSeconds seconds between progress lines in the driver's log
   */
  public record ReportSettings(
      long bootstrapSeed,
      int bootstrapReplicates,
      BaselineRequest baseline,
      Instant asOf,
      AlertRules alerts,
      CocoSettings coco,
      int progressSeconds) {

    /** Checks the settings. */
    public ReportSettings {
      if (bootstrapReplicates < 100) {
        throw new IllegalArgumentException(
            "Invalid --bootstrap-replicates " + bootstrapReplicates + ": expected at least 100");
      }
      if (progressSeconds <= 0) {
        throw new IllegalArgumentException(
            "Invalid --progress-seconds " + progressSeconds + ": expected a positive number");
      }
    }
  }

  /** Options without an images root or a groups side table, the tables as Parquet folders. */
  public AuditOptions(
      String manifest,
      ManifestFormat manifestFormat,
      String output,
      int partitions,
      AuditSettings settings,
      ReportSettings report) {
    this(
        manifest,
        manifestFormat,
        null,
        null,
        output,
        TableFormat.PARQUET,
        partitions,
        settings,
        report);
  }

  /** Checks the options that need no I/O. */
  public AuditOptions {
    if (partitions < 0) {
      throw new IllegalArgumentException(
          "Invalid --partitions " + partitions + ": expected 0 (keep) or a positive number");
    }
    if (!RunId.isValid(settings.runId())) {
      throw new IllegalArgumentException(
          "Invalid --run-id '" + settings.runId() + "': use " + RunId.ALLOWED);
    }
    if (report.coco() != null
        && Arrays.stream(settings.explain().measures().taus())
            .noneMatch(t -> t == report.coco().tau())) {
      throw new IllegalArgumentException(
          "Invalid --coco-tau "
              + report.coco().tau()
              + ": expected one of the --thresholds "
              + Arrays.toString(settings.explain().measures().taus()));
    }
  }

  /**
   * What {@link ManifestReader} reads: the (qualified) manifest location with its format detected,
   * and the images root, qualified too.
   */
  ManifestReader.Source manifestSource(String qualifiedManifest, Configuration hadoop) {
    return new ManifestReader.Source(
            qualifiedManifest,
            manifestFormat,
            imagesRoot == null || imagesRoot.isBlank()
                ? null
                : HadoopFiles.qualifyFolder(imagesRoot, hadoop, "--images-root"),
            groupsTable)
        .detected(hadoop);
  }

  /** How often the driver logs progress. */
  java.time.Duration progressEvery() {
    return java.time.Duration.ofSeconds(report.progressSeconds());
  }

  /**
   * The options as the run summary records them, with the manifest and images root as {@code read}
   * them (qualified) and the format the manifest was read as.
   */
  Map<String, Object> describe(ManifestReader.Source read) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("manifest", read.location());
    map.put("manifest_format", read.format().id());
    map.put("images_root", read.imagesRoot());
    map.put("groups_table", read.groupsTable());
    map.put("output", output);
    map.put("table_format", tableFormat.id());
    map.put("partitions", partitions);
    map.put("batch_size", settings.explain().batchSize());
    map.put("max_pixels", settings.explain().decoding().maxPixels());
    map.put("max_file_bytes", settings.explain().decoding().maxFileBytes());
    map.put("exact_decoding", settings.explain().decoding().exact());
    map.put("device", settings.explain().device());
    map.put("precision", settings.explain().precision().optionName());
    map.put("intra_op_threads", settings.explain().threads().intraOp());
    map.put("prepare_threads", settings.explain().threads().prepare());
    map.put("prefetch_batches", settings.explain().threads().batchesAhead());
    map.put("metrics_grid", settings.explain().measures().gridCap());
    map.put("localisation_protocol", settings.explain().measures().localisation().id());
    map.put("group_columns", List.copyOf(settings.groupColumns()));
    map.put("method", settings.method());
    map.put("targets", settings.explain().targets().id());
    map.put("thresholds", settings.explain().measures().taus());
    map.put("pointing_tolerance", settings.explain().measures().pointingTolerance());
    map.put("heatmap_png", settings.explain().measures().heatmapPng());
    ColourMap overlay = settings.explain().measures().overlay();
    map.put("overlay_png", overlay == null ? null : overlay.id());
    PerturbationSettings perturbation = settings.explain().measures().perturbation();
    boolean filled = perturbation != null && perturbation.occlusionFill() != null;
    map.put("occlusion_fill", filled ? perturbation.occlusionFill().id() : "none");
    map.put("perturbation_sample", perturbation == null ? 0.0 : perturbation.sample());
    map.put("faithfulness_sample", perturbation == null ? 0.0 : perturbation.roadSample());
    map.put("bootstrap_seed", report.bootstrapSeed());
    map.put("bootstrap_replicates", report.bootstrapReplicates());
    map.put("baseline_run", report.baseline().toString());
    map.put("as_of", report.asOf() == null ? null : report.asOf().toString());
    map.put("max_change", report.alerts().maxChange());
    map.put("alert_fdr", report.alerts().fdr());
    map.put("alert_min_images", report.alerts().minImages());
    map.put("alert_on_model_change", report.alerts().onModelChange());
    CocoSettings coco = report.coco();
    map.put("coco_tau", coco == null ? null : coco.tau());
    map.put("coco_min_area", coco == null ? null : coco.minArea());
    map.put("coco_top_k", coco == null ? null : coco.topK());
    return map;
  }
}
