package io.camaudit.report;

import static io.camaudit.report.ReportJob.d;
import static io.camaudit.spark.output.OutputColumns.GROUP_COLUMN;
import static io.camaudit.spark.output.OutputColumns.GROUP_VALUE;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.LABEL;
import static io.camaudit.spark.output.OutputColumns.METRIC;
import static io.camaudit.spark.output.OutputColumns.PREDICTED_CLASS;
import static io.camaudit.spark.output.OutputColumns.PRESENCE;
import static io.camaudit.spark.output.OutputColumns.RANK;
import static io.camaudit.spark.output.OutputColumns.SHIFT;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static io.camaudit.spark.output.OutputColumns.VALUE;

import io.camaudit.report.ReportModel.MovedImage;
import io.camaudit.report.ReportModel.MovedImages;
import io.camaudit.report.ReportModel.Picture;
import io.camaudit.report.ReportModel.RunView;
import io.camaudit.spark.input.ManifestReader;
import io.camaudit.spark.output.OutputColumn;
import io.camaudit.spark.output.OutputTable;
import io.camaudit.spark.output.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly diff's pictures: per breached row of {@code audit_diff_images}, its top {@value
 * #SHOWN} images ({@code both} first, then {@code before_only}, {@code after_only}, each by rank),
 * each drawn from the baseline run's {@code heatmaps} and {@code image_stats} and from this run's.
 * The image files come from the report's manifest (the run's, or {@code --manifest}), and for
 * images it lacks from the baseline run's (its summary's {@code settings.manifest}).
 */
final class MovedImagesReader {

  /** Images shown per breach. */
  static final int SHOWN = 4;

  private static final List<String> PRESENCES = List.of("both", "before_only", "after_only");

  private final SparkSession spark;
  private final RunStore store;
  private final Overlays overlays;

  MovedImagesReader(SparkSession spark, RunStore store, Overlays overlays) {
    this.spark = spark;
    this.store = store;
    this.overlays = overlays;
  }

  /** One run's rows of the images shown, by (image, explained class). */
  private record RunImages(
      String runId, Map<List<String>, Row> stats, Map<List<String>, Row> heatmaps) {}

  /**
   * The breaches of {@code table} (this run's {@code audit_diff_images}) with their images.
   *
   * @param current the report's manifest, or null when unknown
   * @param baseline the baseline run's manifest, or null when unknown
   */
  List<MovedImages> read(
      Dataset<Row> table,
      String runId,
      String baselineRunId,
      ManifestReader.Source current,
      ManifestReader.Source baseline) {
    Map<List<String>, List<Row>> byBreach = new LinkedHashMap<>();
    table.filter(RANK.col().leq(SHOWN)).collectAsList().stream()
        .sorted(
            Comparator.comparing((Row r) -> r.<String>getAs(METRIC.name()))
                .thenComparing(r -> r.<String>getAs(GROUP_COLUMN.name()))
                .thenComparing(r -> r.<String>getAs(GROUP_VALUE.name()))
                .thenComparing(r -> PRESENCES.indexOf(r.<String>getAs(PRESENCE.name())))
                .thenComparing(r -> r.<Integer>getAs(RANK.name())))
        .forEach(
            r ->
                byBreach
                    .computeIfAbsent(
                        List.of(
                            r.getAs(METRIC.name()),
                            r.getAs(GROUP_COLUMN.name()),
                            r.getAs(GROUP_VALUE.name())),
                        k -> new ArrayList<>())
                    .add(r));
    byBreach.replaceAll((k, rows) -> rows.subList(0, Math.min(SHOWN, rows.size())));
    Set<String> ids = new TreeSet<>();
    byBreach.values().forEach(rows -> rows.forEach(r -> ids.add(r.getAs(IMAGE_ID.name()))));
    if (ids.isEmpty()) {
      return List.of();
    }
    RunImages before = runImages(baselineRunId, ids);
    RunImages after = runImages(runId, ids);
    Map<String, Row> entries = new HashMap<>();
    String unlisted = entries(current, baseline, ids, entries);

    List<MovedImages> out = new ArrayList<>();
    byBreach.forEach(
        (key, rows) -> {
          List<MovedImage> images = new ArrayList<>();
          for (Row r : rows) {
            images.add(
                new MovedImage(
                    r.getAs(IMAGE_ID.name()),
                    r.getAs(PRESENCE.name()),
                    d(r, SHIFT.name()),
                    view(r, OutputColumn::before, before, entries, unlisted),
                    view(r, OutputColumn::after, after, entries, unlisted)));
          }
          out.add(new MovedImages(key.get(1), key.get(2), key.get(0), images));
        });
    return out;
  }

  private RunImages runImages(String runId, Set<String> ids) {
    return new RunImages(
        runId,
        store
            .readRun(OutputTable.IMAGE_STATS, runId)
            .map(t -> Overlays.byPair(t, ids))
            .orElse(Map.of()),
        store
            .readRun(OutputTable.HEATMAPS, runId)
            .map(t -> Overlays.heatmaps(t, ids))
            .orElse(Map.of()));
  }

  /**
   * Fills {@code entries} with the manifest entries of {@code ids}: the report's manifest first,
   * then the baseline run's for the rest.
   *
   * @return why an image without an entry has none, for its picture's note
   */
  private String entries(
      ManifestReader.Source current,
      ManifestReader.Source baseline,
      Set<String> ids,
      Map<String, Row> entries) {
    Overlays.Entries first = Overlays.manifest(spark, current, ids);
    entries.putAll(first.rows());
    Set<String> rest = new TreeSet<>(ids);
    rest.removeAll(entries.keySet());
    if (rest.isEmpty()) {
      return null;
    }
    String why = current == null ? first.problem() : first.whyAbsent(current);
    if (baseline == null || baseline.equals(current)) {
      return why;
    }
    Overlays.Entries second = Overlays.manifest(spark, baseline, rest);
    entries.putAll(second.rows());
    return why + "; the baseline run's: " + second.whyAbsent(baseline);
  }

  /** How one run saw the image of {@code moved}, a row of audit_diff_images. */
  private RunView view(
      Row moved,
      UnaryOperator<OutputColumn> side,
      RunImages run,
      Map<String, Row> entries,
      String unlisted) {
    String id = moved.getAs(IMAGE_ID.name());
    String target = moved.getAs(side.apply(TARGET_CLASS).name());
    String label = moved.getAs(side.apply(LABEL).name());
    String predicted = moved.getAs(side.apply(PREDICTED_CLASS).name());
    double value = d(moved, side.apply(VALUE).name());
    if (target == null) {
      return new RunView(run.runId(), label, predicted, value, null, "not in the group");
    }
    List<String> pair = List.of(id, target);
    Row stats = run.stats().get(pair);
    Row heatmap = run.heatmaps().get(pair);
    if (stats == null || heatmap == null) {
      return new RunView(
          run.runId(), label, predicted, value, null, "no heatmap of " + target + " in the run");
    }
    Picture picture = overlays.draw(stats, heatmap, entries.get(id), unlisted);
    String note = picture.missing() == null ? null : picture.missing() + ": heatmap on grey";
    return new RunView(run.runId(), label, predicted, value, picture, note);
  }
}
