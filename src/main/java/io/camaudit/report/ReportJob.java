package io.camaudit.report;

import static io.camaudit.spark.output.OutputColumns.AFTER;
import static io.camaudit.spark.output.OutputColumns.BASELINE_RUN_ID;
import static io.camaudit.spark.output.OutputColumns.BEFORE;
import static io.camaudit.spark.output.OutputColumns.BEST_TAU;
import static io.camaudit.spark.output.OutputColumns.BOX_ACCURACY;
import static io.camaudit.spark.output.OutputColumns.BREACHED;
import static io.camaudit.spark.output.OutputColumns.CHANGE;
import static io.camaudit.spark.output.OutputColumns.CHANGE_CI_HIGH;
import static io.camaudit.spark.output.OutputColumns.CHANGE_CI_LOW;
import static io.camaudit.spark.output.OutputColumns.CI_HIGH;
import static io.camaudit.spark.output.OutputColumns.CI_LOW;
import static io.camaudit.spark.output.OutputColumns.CLASS;
import static io.camaudit.spark.output.OutputColumns.DETAIL;
import static io.camaudit.spark.output.OutputColumns.DIFFERENCE;
import static io.camaudit.spark.output.OutputColumns.GROUP_COLUMN;
import static io.camaudit.spark.output.OutputColumns.GROUP_VALUE;
import static io.camaudit.spark.output.OutputColumns.IMAGES;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.IOU_THRESHOLD;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.N;
import static io.camaudit.spark.output.OutputColumns.N_AFTER;
import static io.camaudit.spark.output.OutputColumns.N_BEFORE;
import static io.camaudit.spark.output.OutputColumns.OVERALL;
import static io.camaudit.spark.output.OutputColumns.Q_VALUE;
import static io.camaudit.spark.output.OutputColumns.RATIO;
import static io.camaudit.spark.output.OutputColumns.REASON;
import static io.camaudit.spark.output.OutputColumns.REGIONS;
import static io.camaudit.spark.output.OutputColumns.SHORTCUT_SCORE;
import static io.camaudit.spark.output.OutputColumns.SLICE;
import static io.camaudit.spark.output.OutputColumns.SLICE_ACCURACY;
import static io.camaudit.spark.output.OutputColumns.SLICE_BACKGROUND_ONLY_ACCURACY;
import static io.camaudit.spark.output.OutputColumns.SLICE_ENERGY_IN_FRACTION;
import static io.camaudit.spark.output.OutputColumns.SLICE_RANK;
import static io.camaudit.spark.output.OutputColumns.SOURCE;
import static io.camaudit.spark.output.OutputColumns.STAGE;
import static io.camaudit.spark.output.OutputColumns.STATUS;
import static io.camaudit.spark.output.OutputColumns.SUMMARY_JSON;
import static io.camaudit.spark.output.OutputColumns.TAU;
import static io.camaudit.spark.output.OutputColumns.THRESHOLD;
import static io.camaudit.spark.output.OutputColumns.VALUE;
import static io.camaudit.spark.output.OutputColumns.WORST_GROUP;
import static io.camaudit.spark.output.OutputColumns.WORST_VALUE;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import io.camaudit.image.ColourMap;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.model.ModelSpec;
import io.camaudit.report.ReportModel.CurvePoint;
import io.camaudit.report.ReportModel.GalleryGroup;
import io.camaudit.report.ReportModel.MovedImages;
import io.camaudit.report.ReportModel.Picture;
import io.camaudit.report.ReportModel.SliceView;
import io.camaudit.report.ReportModel.Table;
import io.camaudit.spark.input.ManifestFormat;
import io.camaudit.spark.input.ManifestReader;
import io.camaudit.spark.output.OutputColumn;
import io.camaudit.spark.output.OutputTable;
import io.camaudit.spark.output.RunStore;
import io.camaudit.spark.output.TableFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one run's tables under an audit output root (local, {@code hdfs://}, {@code s3a://}) and
 * writes the self-contained HTML report through Hadoop's file systems. See {@code docs/report.md}.
 */
public final class ReportJob {

  /** {@code image_stats} columns that are not group columns. */
  static final Set<String> STATS_COLUMNS =
      OutputTable.IMAGE_STATS.columns().stream()
          .map(OutputColumn::name)
          .collect(Collectors.toUnmodifiableSet());

  /** Classes whose top shortcut slice the report shows. */
  static final int SLICES_SHOWN = 6;

  /** Rows of {@code rejected} listed in the report. */
  static final int REJECTED_LISTED = 50;

  /** Image ids named per reason in the line on pictures drawn on grey. */
  static final int NAMED = 5;

  /**
   * What to report.
   *
   * @param output the audit output root, or its {@code <catalog>.<namespace>} for Iceberg
   * @param tableFormat how the audit stored its tables
   * @param runId the run
   * @param html the HTML file to write (null: {@code <output>/reports/<run_id>.html})
   * @param gallery worst and best images per group
   * @param groupColumn the gallery's group column (null: the first in {@code image_stats})
   * @param manifest the manifest for image paths and boxes (null: the run's, from its summary)
   * @param manifestFormat its format (null: the run's for the run's manifest, else detected)
   * @param imagesRoot the folder COCO and VOC file names are relative to (null: the run's for the
   *     run's manifest, else the format's default)
   * @param centerCrop {width, height, shorter side} for maps on a centre crop (null: as the run's
   *     model preprocessing, from its summary)
   */
  public record Options(
      String output,
      TableFormat tableFormat,
      String runId,
      String html,
      int gallery,
      String groupColumn,
      String manifest,
      ManifestFormat manifestFormat,
      String imagesRoot,
      int[] centerCrop) {

    /** Checks the options. */
    public Options {
      if (runId == null || runId.isBlank()) {
        throw new IllegalArgumentException("Invalid --run-id: empty");
      }
      if (tableFormat == TableFormat.ICEBERG && html == null) {
        throw new IllegalArgumentException(
            "Invalid --table-format iceberg without --html: the tables have no output folder to"
                + " put the report in; name the report's file with --html");
      }
      if (gallery < 0) {
        throw new IllegalArgumentException("Invalid --gallery " + gallery + ": must be >= 0");
      }
      if (centerCrop != null
          && (centerCrop.length != 3
              || Arrays.stream(centerCrop).anyMatch(v -> v <= 0)
              || centerCrop[2] < Math.max(centerCrop[0], centerCrop[1]))) {
        throw new IllegalArgumentException(
            "Invalid --center-crop "
                + Arrays.toString(centerCrop)
                + ": expected WIDTH,HEIGHT,SHORTER, positive, SHORTER at least the crop size");
      }
      output = output.replaceAll("/+$", "");
    }

    /** The HTML file's location. */
    public String htmlLocation() {
      return html != null ? html : output + "/reports/" + runId + ".html";
    }
  }

  /**
   * What was written.
   *
   * @param onGrey which pictures show their map on grey, and why, in one line; null when none
   */
  public record Result(String location, long bytes, int galleryImages, String onGrey) {}

  private final SparkSession spark;
  private final Options options;
  private final Configuration conf;
  private final RunStore store;

  public ReportJob(SparkSession spark, Options options) {
    this.spark = spark;
    this.options = options;
    this.conf = spark.sparkContext().hadoopConfiguration();
    this.store = options.tableFormat().open(spark, options.output());
  }

  /** Reads the tables, renders the report and writes it. */
  public Result run() throws IOException {
    ReportModel model = read();
    String html = HtmlReport.render(model);
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    Path target = new Path(options.htmlLocation());
    FileSystem fs = target.getFileSystem(conf);
    fs.setWriteChecksum(false);
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    }
    int tiles = model.gallery().stream().mapToInt(g -> g.worst().size() + g.best().size()).sum();
    return new Result(target.toString(), bytes.length, tiles, onGrey(model.pictures()));
  }

  /** The report's contents. */
  public ReportModel read() throws IOException {
    JsonObject summary = summary();
    List<GroupMetric> groups = new ArrayList<>();
    table(OutputTable.GROUP_METRICS)
        .ifPresent(
            t -> {
              for (Row r : t.collectAsList()) {
                groups.add(
                    new GroupMetric(
                        r.getAs(GROUP_COLUMN.name()),
                        r.getAs(GROUP_VALUE.name()),
                        r.getAs(METRIC.name()),
                        r.<Long>getAs(N.name()),
                        d(r, VALUE.name()),
                        d(r, CI_LOW.name()),
                        d(r, CI_HIGH.name())));
              }
            });
    Table disparities =
        table(OutputTable.GROUP_DISPARITIES)
            .map(
                t ->
                    asTable(
                        t.orderBy(GROUP_COLUMN.name(), METRIC.name()),
                        List.of(
                            GROUP_COLUMN.name(),
                            METRIC.name(),
                            OVERALL.name(),
                            DIFFERENCE.name(),
                            RATIO.name(),
                            WORST_GROUP.name(),
                            WORST_VALUE.name()),
                        null))
            .orElse(null);
    Table diff =
        table(OutputTable.AUDIT_DIFF)
            .map(
                t ->
                    asTable(
                        t.orderBy(
                            BREACHED.col().desc(),
                            METRIC.col(),
                            GROUP_COLUMN.col(),
                            GROUP_VALUE.col()),
                        List.of(
                            GROUP_COLUMN.name(),
                            GROUP_VALUE.name(),
                            METRIC.name(),
                            STATUS.name(),
                            BEFORE.name(),
                            AFTER.name(),
                            CHANGE.name(),
                            CHANGE_CI_LOW.name(),
                            CHANGE_CI_HIGH.name(),
                            Q_VALUE.name(),
                            N_BEFORE.name(),
                            N_AFTER.name(),
                            THRESHOLD.name(),
                            BREACHED.name(),
                            BASELINE_RUN_ID.name()),
                        BREACHED.name()))
            .orElse(null);
    List<CurvePoint> curve = new ArrayList<>();
    table(OutputTable.LOCALISATION_CURVE)
        .ifPresent(
            t -> {
              for (Row r :
                  t.filter(
                          CLASS.col().equalTo("*").and(IOU_THRESHOLD.col().between(0.4999, 0.5001)))
                      .orderBy(REGIONS.name(), TAU.name())
                      .collectAsList()) {
                curve.add(
                    new CurvePoint(
                        r.getAs(REGIONS.name()),
                        d(r, TAU.name()),
                        d(r, BOX_ACCURACY.name()),
                        r.<Long>getAs(IMAGES.name())));
              }
            });
    Table localisation =
        table(OutputTable.LOCALISATION)
            .map(
                t ->
                    asTable(
                        t.orderBy(CLASS.col(), METRIC.col(), IOU_THRESHOLD.col()),
                        List.of(
                            CLASS.name(),
                            METRIC.name(),
                            IOU_THRESHOLD.name(),
                            VALUE.name(),
                            BEST_TAU.name(),
                            IMAGES.name()),
                        null))
            .orElse(null);
    Table rejected =
        table(OutputTable.REJECTED)
            .map(
                t ->
                    asTable(
                        t.orderBy(REASON.name(), IMAGE_ID.name()).limit(REJECTED_LISTED),
                        List.of(
                            IMAGE_ID.name(),
                            SOURCE.name(),
                            STAGE.name(),
                            REASON.name(),
                            DETAIL.name()),
                        null))
            .orElse(null);

    Optional<Dataset<Row>> stats = table(OutputTable.IMAGE_STATS);
    String column = galleryColumn(stats.orElse(null), summary);
    List<String> notes = new ArrayList<>();
    ColourMap colours = colourMap(summary);
    ManifestReader.Source manifest = manifest(summary);
    Overlays overlays = new Overlays(conf, centerCrop(summary, notes), colours);
    Gallery drawer = new Gallery(spark, overlays, options.gallery());
    List<GalleryGroup> gallery =
        stats.isPresent() && options.gallery() > 0
            ? drawer.draw(stats.get(), column, () -> table(OutputTable.HEATMAPS), manifest, notes)
            : List.of();
    List<SliceView> slices =
        stats.isPresent() ? slices(drawer, stats.get(), manifest, notes) : List.of();
    return new ReportModel(
        options.runId(),
        summary,
        groups,
        disparities,
        diff,
        moved(summary, manifest, overlays),
        curve,
        localisation,
        rejected,
        column,
        colours,
        gallery,
        notes.isEmpty() ? null : String.join(" ", notes),
        slices);
  }

  /**
   * The top slice of each class ({@code slices} rank 1), at most {@link #SLICES_SHOWN}, highest
   * shortcut score first, with their members nearest the centre drawn.
   */
  private List<SliceView> slices(
      Gallery drawer, Dataset<Row> stats, ManifestReader.Source manifest, List<String> notes) {
    Optional<Dataset<Row>> table = table(OutputTable.SLICES);
    if (table.isEmpty()) {
      return List.of();
    }
    List<Row> top =
        table
            .get()
            .filter(SLICE_RANK.col().equalTo(1))
            .orderBy(SHORTCUT_SCORE.col().desc_nulls_last(), CLASS.col())
            .limit(SLICES_SHOWN)
            .collectAsList();
    List<GalleryGroup> drawn =
        options.gallery() > 0
            ? drawer.drawSlices(stats, top, () -> table(OutputTable.HEATMAPS), manifest, notes)
            : List.of();
    List<SliceView> views = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      Row r = top.get(i);
      views.add(
          new SliceView(
              r.getAs(SLICE.name()),
              r.<Long>getAs(IMAGES.name()),
              r.getAs(SHORTCUT_SCORE.name()),
              r.getAs(SLICE_ACCURACY.name()),
              r.getAs(SLICE_ENERGY_IN_FRACTION.name()),
              r.getAs(SLICE_BACKGROUND_ONLY_ACCURACY.name()),
              drawn.isEmpty() ? List.of() : drawn.get(i).worst()));
    }
    return views;
  }

  private JsonObject summary() throws IOException {
    return findSummary(options.runId())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Invalid --run-id '"
                        + options.runId()
                        + "': no runs row of that id in --output "
                        + store.location()));
  }

  /** A run's summary: its {@code runs.summary_json}. */
  private Optional<JsonObject> findSummary(String runId) {
    Optional<Dataset<Row>> runs = table(OutputTable.RUNS, runId);
    if (runs.isPresent()) {
      List<Row> rows = runs.get().select(SUMMARY_JSON.name()).collectAsList();
      if (!rows.isEmpty()) {
        return Optional.of(JsonParser.parseString(rows.get(0).getString(0)).getAsJsonObject());
      }
    }
    return Optional.empty();
  }

  /**
   * The images behind each breach, drawn from both runs; null when the run has no baseline or wrote
   * no {@code audit_diff_images}.
   */
  private List<MovedImages> moved(
      JsonObject summary, ManifestReader.Source manifest, Overlays overlays) throws IOException {
    String baselineRunId = text(summary, "baseline_run_id");
    Optional<Dataset<Row>> table = table(OutputTable.AUDIT_DIFF_IMAGES);
    if (baselineRunId == null || table.isEmpty()) {
      return null;
    }
    ManifestReader.Source baselineManifest =
        findSummary(baselineRunId).map(ReportJob::manifestOf).orElse(null);
    return new MovedImagesReader(spark, store, overlays)
        .read(table.get(), options.runId(), baselineRunId, manifest, baselineManifest);
  }

  /**
   * The manifest the pictures' image files and boxes come from: {@code --manifest} (its format and
   * images root from the options, else as the audit finds them), else the one the run read, as its
   * summary records it, {@code --manifest-format} and {@code --images-root} overriding; null when
   * neither names one.
   */
  private ManifestReader.Source manifest(JsonObject summary) {
    if (options.manifest() != null) {
      return new ManifestReader.Source(
          options.manifest(), options.manifestFormat(), options.imagesRoot(), null);
    }
    ManifestReader.Source recorded = manifestOf(summary);
    if (recorded == null) {
      return null;
    }
    return new ManifestReader.Source(
        recorded.location(),
        options.manifestFormat() != null ? options.manifestFormat() : recorded.format(),
        options.imagesRoot() != null ? options.imagesRoot() : recorded.imagesRoot(),
        null);
  }

  /**
   * Where maps lie in their images: {@code --center-crop}, else as the run's model preprocessing
   * (its summary's {@code model.input}) placed them: on the centre crop for {@code center-crop},
   * over the whole image for {@code stretch} and for runs whose summary does not record it (a note
   * says so).
   *
   * @return null for the whole image, else {width, height, shorter side}
   */
  private int[] centerCrop(JsonObject summary, List<String> notes) {
    if (options.centerCrop() != null) {
      return options.centerCrop();
    }
    JsonElement input = summary.getAsJsonObject("model").get("input");
    if (input == null) {
      notes.add(
          "The run's summary does not record its model's preprocessing (an earlier cam-audit"
              + " wrote it): maps are drawn over the whole image; for a centre-crop model report"
              + " with --center-crop.");
      return null;
    }
    Preprocessing preprocessing = ModelSpec.inputOf(input);
    return preprocessing.resize() == ResizePolicy.CENTER_CROP
        ? new int[] {preprocessing.width(), preprocessing.height(), preprocessing.resizeShorter()}
        : null;
  }

  /** The manifest a run read, from its summary's settings; null when not recorded. */
  private static ManifestReader.Source manifestOf(JsonObject summary) {
    JsonObject settings = summary.getAsJsonObject("settings");
    String manifest = text(settings, "manifest");
    if (manifest == null) {
      return null;
    }
    String format = text(settings, "manifest_format");
    return new ManifestReader.Source(
        manifest,
        format == null ? null : ManifestFormat.parse(format),
        text(settings, "images_root"),
        null);
  }

  /** A string field of {@code object}; null when it or the field is absent or null. */
  private static String text(JsonObject object, String key) {
    JsonElement value = object == null ? null : object.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  /** The reported run's rows of a table; empty when the run wrote no such table. */
  private Optional<Dataset<Row>> table(OutputTable table) {
    return table(table, options.runId());
  }

  private Optional<Dataset<Row>> table(OutputTable table, String runId) {
    return store.readRun(table, runId);
  }

  /**
   * The gallery's group column: {@code --group-col}, else the run's first. The run's group columns
   * are its summary's ({@code settings.group_columns}): an Iceberg {@code image_stats} also holds
   * the group columns of other runs. A summary without them (older runs) leaves the columns of
   * {@code stats} outside the catalogue.
   */
  private String galleryColumn(Dataset<Row> stats, JsonObject summary) {
    JsonObject settings = summary.getAsJsonObject("settings");
    List<String> groupColumns;
    if (settings != null && settings.has("group_columns")) {
      groupColumns = new ArrayList<>();
      settings.getAsJsonArray("group_columns").forEach(c -> groupColumns.add(c.getAsString()));
    } else {
      groupColumns =
          stats == null
              ? List.of()
              : Arrays.stream(stats.columns()).filter(c -> !STATS_COLUMNS.contains(c)).toList();
    }
    if (options.groupColumn() != null) {
      if (stats != null && !groupColumns.contains(options.groupColumn())) {
        throw new IllegalArgumentException(
            "Invalid --group-col '"
                + options.groupColumn()
                + "': not a group column of run "
                + options.runId()
                + "; found "
                + groupColumns);
      }
      return options.groupColumn();
    }
    return groupColumns.isEmpty() ? "*" : groupColumns.get(0);
  }

  /**
   * The colour map of the run's {@code overlay_png} (its summary's {@code settings.overlay_png}),
   * so the gallery looks as the stored overlays do; the default when the run stored none.
   */
  private static ColourMap colourMap(JsonObject summary) {
    String chosen = text(summary.getAsJsonObject("settings"), "overlay_png");
    return chosen == null ? ColourMap.DEFAULT : ColourMap.parse(chosen);
  }

  /**
   * Which of the (image id, picture) pairs show their map on grey and why, in one line: {@code N
   * image(s) drawn on grey: id (why); why (id, id, …)}, at most {@value #NAMED} ids per reason;
   * null when every picture shows its image.
   */
  static String onGrey(List<Map.Entry<String, Picture>> pictures) {
    Map<String, SortedSet<String>> byReason = new TreeMap<>();
    pictures.stream()
        .filter(p -> p.getValue().missing() != null)
        .forEach(
            p ->
                byReason
                    .computeIfAbsent(p.getValue().missing(), k -> new TreeSet<>())
                    .add(p.getKey()));
    if (byReason.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    byReason.forEach(
        (reason, ids) -> {
          List<String> named = ids.stream().limit(NAMED).toList();
          String more = ids.size() > NAMED ? ", … " + (ids.size() - NAMED) + " more" : "";
          parts.add(
              ids.size() == 1
                  ? ids.first() + " (" + reason + ")"
                  : reason + " (" + String.join(", ", named) + more + ")");
        });
    long images = byReason.values().stream().mapToLong(Set::size).sum();
    return images + " image(s) drawn on grey: " + String.join("; ", parts);
  }

  private static Table asTable(Dataset<Row> table, List<String> columns, String flag) {
    List<String> present =
        columns.stream().filter(c -> Arrays.asList(table.columns()).contains(c)).toList();
    List<List<String>> rows = new ArrayList<>();
    List<Boolean> flagged = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (String c : present) {
        Object v = r.get(r.fieldIndex(c));
        cells.add(v instanceof Double x ? Html.num(x) : v == null ? "" : v.toString());
      }
      rows.add(cells);
      flagged.add(flag != null && Boolean.TRUE.equals(r.getAs(flag)));
    }
    return new Table(present, rows, flagged);
  }

  /** A numeric field as a double; NaN when null. */
  static double d(Row r, String field) {
    Object v = r.get(r.fieldIndex(field));
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }
}
