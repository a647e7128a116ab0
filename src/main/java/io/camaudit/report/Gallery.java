package io.camaudit.report;

import static io.camaudit.report.ReportJob.d;
import static io.camaudit.spark.output.OutputColumns.CLASS;
import static io.camaudit.spark.output.OutputColumns.ENERGY_IN_FRACTION;
import static io.camaudit.spark.output.OutputColumns.IMAGES;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.LABEL;
import static io.camaudit.spark.output.OutputColumns.PREDICTED_CLASS;
import static io.camaudit.spark.output.OutputColumns.REPRESENTATIVE_IMAGE_IDS;
import static io.camaudit.spark.output.OutputColumns.SLICE;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.camaudit.report.ReportModel.GalleryGroup;
import io.camaudit.report.ReportModel.Picture;
import io.camaudit.report.ReportModel.Tile;
import io.camaudit.spark.input.ManifestReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The report's gallery: per value of a group column, the explained images with the lowest and the
 * highest {@code energy_in_fraction}, each drawn as its heatmap over its image ({@link Overlays}).
 */
final class Gallery {

  /**
   * One group's picks, as {@code image_stats} rows.
   *
   * @param group the group's value ({@code *} for all images)
   * @param images the group's images with an {@code energy_in_fraction}
   * @param worst the lowest first, ties by image id
   * @param best the highest first, ties by image id descending, without the worst ones
   */
  record Picks(String group, long images, List<Row> worst, List<Row> best) {}

  private final SparkSession spark;
  private final Overlays overlays;
  private final int perEnd;

  /**
   * @param perEnd images per end of each group ({@code --gallery})
   */
  Gallery(SparkSession spark, Overlays overlays, int perEnd) {
    this.spark = spark;
    this.overlays = overlays;
    this.perEnd = perEnd;
  }

  /**
   * The gallery of a run.
   *
   * @param stats the run's {@code image_stats}
   * @param column the group column, or {@code *} for all images as one group
   * @param heatmaps the run's {@code heatmaps}, read only when an image is picked
   * @param source the manifest with the image files and boxes; null when none is known
   * @param notes takes a remark where no image could be picked or a picture is drawn on grey
   */
  List<GalleryGroup> draw(
      Dataset<Row> stats,
      String column,
      Supplier<Optional<Dataset<Row>>> heatmaps,
      ManifestReader.Source source,
      List<String> notes) {
    List<Picks> picks = pick(stats, column, perEnd);
    if (picks.isEmpty()) {
      notes.add(
          "No explained image has boxes of its target class, so none has an"
              + " energy_in_fraction to rank by.");
      return List.of();
    }
    return drawPicks(picks, heatmaps, source, notes);
  }

  /**
   * Each slice's representative images ({@code slices.representative_image_ids}, nearest the
   * slice's centre first, at most {@code perEnd}), as a group whose value is the slice.
   *
   * @param slices rows of {@code slices}
   */
  List<GalleryGroup> drawSlices(
      Dataset<Row> stats,
      List<Row> slices,
      Supplier<Optional<Dataset<Row>>> heatmaps,
      ManifestReader.Source source,
      List<String> notes) {
    List<Picks> picks = new ArrayList<>();
    for (Row slice : slices) {
      List<String> ids = slice.getList(slice.fieldIndex(REPRESENTATIVE_IMAGE_IDS.name()));
      List<String> shown = ids.subList(0, Math.min(perEnd, ids.size()));
      Map<String, Row> rows = new HashMap<>();
      stats
          .filter(
              IMAGE_ID
                  .col()
                  .isin(shown.toArray())
                  .and(TARGET_CLASS.col().equalTo(slice.getAs(CLASS.name()))))
          .collectAsList()
          .forEach(r -> rows.put(r.getAs(IMAGE_ID.name()), r));
      picks.add(
          new Picks(
              slice.getAs(SLICE.name()),
              slice.<Long>getAs(IMAGES.name()),
              shown.stream().filter(rows::containsKey).map(rows::get).toList(),
              List.of()));
    }
    return drawPicks(picks, heatmaps, source, notes);
  }

  /** The tiles of {@code picks}, with a note where pictures are drawn on grey. */
  private List<GalleryGroup> drawPicks(
      List<Picks> picks,
      Supplier<Optional<Dataset<Row>>> heatmaps,
      ManifestReader.Source source,
      List<String> notes) {
    List<String> ids =
        picks.stream()
            .flatMap(p -> Stream.concat(p.worst().stream(), p.best().stream()))
            .map(r -> r.<String>getAs(IMAGE_ID.name()))
            .distinct()
            .toList();
    Map<List<String>, Row> maps =
        heatmaps.get().map(t -> Overlays.heatmaps(t, ids)).orElse(Map.of());
    Overlays.Entries manifest = Overlays.manifest(spark, source, ids);
    String whyNoEntry = source == null ? manifest.problem() : manifest.whyAbsent(source);
    List<GalleryGroup> out = new ArrayList<>();
    for (Picks p : picks) {
      out.add(
          new GalleryGroup(
              p.group(),
              p.images(),
              tiles(p.worst(), maps, manifest, whyNoEntry),
              tiles(p.best(), maps, manifest, whyNoEntry)));
    }
    String onGrey = ReportJob.onGrey(ReportModel.pictures(out));
    if (onGrey != null) {
      notes.add(onGrey + ".");
    }
    return out;
  }

  /**
   * Per value of {@code column} (non-null; in ascending order), the images with an {@code
   * energy_in_fraction}: up to {@code perEnd} with the lowest and up to {@code perEnd} with the
   * highest, an (image, class) row shown once, among the lowest; empty when no image has one.
   */
  static List<Picks> pick(Dataset<Row> stats, String column, int perEnd) {
    Column group = column.equals("*") ? lit("*") : col(column);
    Dataset<Row> measured =
        stats
            .withColumn("_group", group)
            .filter(col("_group").isNotNull().and(ENERGY_IN_FRACTION.col().isNotNull()));
    WindowSpec window = Window.partitionBy(col("_group"));
    List<Row> picked =
        measured
            .withColumn(
                "_low",
                row_number()
                    .over(window.orderBy(ENERGY_IN_FRACTION.col().asc(), IMAGE_ID.col().asc())))
            .withColumn(
                "_high",
                row_number()
                    .over(window.orderBy(ENERGY_IN_FRACTION.col().desc(), IMAGE_ID.col().desc())))
            .withColumn("_images", count(lit(1)).over(window))
            .filter(col("_low").leq(perEnd).or(col("_high").leq(perEnd)))
            .collectAsList();
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    picked.stream()
        .sorted(Comparator.comparing((Row r) -> r.<String>getAs("_group")))
        .forEach(r -> byGroup.computeIfAbsent(r.getAs("_group"), k -> new ArrayList<>()).add(r));
    List<Picks> out = new ArrayList<>();
    byGroup.forEach(
        (value, rows) -> {
          List<Row> worst =
              rows.stream()
                  .filter(r -> r.<Integer>getAs("_low") <= perEnd)
                  .sorted(Comparator.comparing((Row r) -> r.<Integer>getAs("_low")))
                  .toList();
          Set<List<String>> worstPairs = new HashSet<>();
          worst.forEach(r -> worstPairs.add(Overlays.pairOf(r)));
          List<Row> best =
              rows.stream()
                  .filter(
                      r ->
                          r.<Integer>getAs("_high") <= perEnd
                              && !worstPairs.contains(Overlays.pairOf(r)))
                  .sorted(Comparator.comparing((Row r) -> r.<Integer>getAs("_high")))
                  .toList();
          out.add(new Picks(value, rows.get(0).<Long>getAs("_images"), worst, best));
        });
    return out;
  }

  /** The tiles of {@code rows}; a row without a map has none. */
  private List<Tile> tiles(
      List<Row> rows,
      Map<List<String>, Row> heatmaps,
      Overlays.Entries manifest,
      String whyNoEntry) {
    List<Tile> tiles = new ArrayList<>();
    for (Row r : rows) {
      String id = r.getAs(IMAGE_ID.name());
      Row heatmap = heatmaps.get(Overlays.pairOf(r));
      if (heatmap == null) {
        continue;
      }
      Picture picture = overlays.draw(r, heatmap, manifest.rows().get(id), whyNoEntry);
      tiles.add(
          new Tile(
              id,
              r.getAs(LABEL.name()),
              r.getAs(PREDICTED_CLASS.name()),
              r.getAs(TARGET_CLASS.name()),
              d(r, ENERGY_IN_FRACTION.name()),
              picture));
    }
    return tiles;
  }
}
