package io.camaudit.report;

import static io.camaudit.report.ReportJob.d;
import static io.camaudit.spark.output.OutputColumns.CAM;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_X0;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_X1;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_Y0;
import static io.camaudit.spark.output.OutputColumns.CAM_BOX_Y1;
import static io.camaudit.spark.output.OutputColumns.IMAGE_HEIGHT;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.IMAGE_WIDTH;
import static io.camaudit.spark.output.OutputColumns.MAP_HEIGHT;
import static io.camaudit.spark.output.OutputColumns.MAP_WIDTH;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static org.apache.spark.sql.functions.col;

import io.camaudit.image.Box;
import io.camaudit.image.ColourMap;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import io.camaudit.report.ReportModel.Picture;
import io.camaudit.spark.input.ManifestReader;
import io.camaudit.spark.input.ManifestSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Draws the report's overlays ({@link Overlay}) from table rows: an explained image's {@code
 * image_stats} row (its size, target class and CAM box), its {@code heatmaps} row (the map) and its
 * manifest entry (the file and the ground-truth boxes). The gallery and the nightly diff draw
 * through it alike.
 */
final class Overlays {

  private final Configuration conf;
  private final int[] centerCrop;
  private final ColourMap colours;

  /**
   * @param centerCrop null when maps cover the whole image, else {width, height, shorter side}
   * @param colours the heatmaps' colour map
   */
  Overlays(Configuration conf, int[] centerCrop, ColourMap colours) {
    this.conf = conf;
    this.centerCrop = centerCrop;
    this.colours = colours;
  }

  /** A row's (image, explained class): the key of the per-image tables. */
  static List<String> pairOf(Row r) {
    return List.of(r.getAs(IMAGE_ID.name()), r.getAs(TARGET_CLASS.name()));
  }

  /** The rows of a per-image table for {@code ids}, by (image, explained class). */
  static Map<List<String>, Row> byPair(Dataset<Row> table, Collection<String> ids) {
    Map<List<String>, Row> rows = new HashMap<>();
    for (Row r : table.filter(IMAGE_ID.col().isin(ids.toArray())).collectAsList()) {
      rows.put(pairOf(r), r);
    }
    return rows;
  }

  /** The maps of {@code ids} in a {@code heatmaps} table, by (image, explained class). */
  static Map<List<String>, Row> heatmaps(Dataset<Row> heatmaps, Collection<String> ids) {
    return byPair(
        heatmaps.select(
            IMAGE_ID.col(), TARGET_CLASS.col(), MAP_HEIGHT.col(), MAP_WIDTH.col(), CAM.col()),
        ids);
  }

  /** The entries of {@code ids} in a manifest (path and boxes), by image id. */
  static Map<String, Row> manifest(
      SparkSession spark, ManifestReader.Source source, Collection<String> ids) {
    Map<String, Row> entries = new HashMap<>();
    for (Row r :
        ManifestReader.read(spark, source, List.of())
            .filter(
                IMAGE_ID
                    .col()
                    .isin(ids.toArray())
                    .and(col(ManifestSchema.DUPLICATE).equalTo(false)))
            .select(IMAGE_ID.name(), ManifestSchema.PATH, ManifestSchema.BOXES)
            .collectAsList()) {
      entries.put(r.getAs(IMAGE_ID.name()), r);
    }
    return entries;
  }

  /**
   * The overlay of one explained image.
   *
   * @param stats its {@code image_stats} row
   * @param heatmap its {@code heatmaps} row
   * @param entry its manifest entry, or null: the map is then drawn on grey, without boxes
   */
  Picture draw(Row stats, Row heatmap, Row entry) {
    int width = stats.<Integer>getAs(IMAGE_WIDTH.name());
    int height = stats.<Integer>getAs(IMAGE_HEIGHT.name());
    String target = stats.getAs(TARGET_CLASS.name());
    BufferedImage image = entry == null ? null : readImage(entry.getAs(ManifestSchema.PATH));
    byte[] png =
        Overlay.png(
            image,
            width,
            height,
            map(heatmap),
            Overlay.window(width, height, centerCrop),
            entry == null ? List.of() : truth(entry, target),
            camBox(stats, target),
            colours);
    MetricsGrid thumbnail = Overlay.thumbnail(width, height);
    return new Picture(
        Base64.getEncoder().encodeToString(png),
        thumbnail.width(),
        thumbnail.height(),
        image != null);
  }

  private static FloatMap map(Row heatmap) {
    List<Float> cam = heatmap.getList(heatmap.fieldIndex(CAM.name()));
    float[] values = new float[cam.size()];
    for (int i = 0; i < values.length; i++) {
      Float v = cam.get(i);
      values[i] = v == null ? 0f : v;
    }
    return new FloatMap(
        heatmap.<Integer>getAs(MAP_HEIGHT.name()),
        heatmap.<Integer>getAs(MAP_WIDTH.name()),
        values);
  }

  /** The manifest's boxes of the target class (all of them for a row without one). */
  private static List<Box> truth(Row entry, String target) {
    List<Box> truth = new ArrayList<>();
    List<Row> boxes =
        entry.isNullAt(entry.fieldIndex(ManifestSchema.BOXES))
            ? List.of()
            : entry.getList(entry.fieldIndex(ManifestSchema.BOXES));
    for (Row b : boxes) {
      String label = b.getAs(ManifestSchema.LABEL);
      if (target == null || label == null || target.equals(label)) {
        try {
          truth.add(new Box(d(b, "x0"), d(b, "y0"), d(b, "x1"), d(b, "y1"), label));
        } catch (IllegalArgumentException invalid) {
          // the audit rejected images with such boxes; nothing to draw
        }
      }
    }
    return truth;
  }

  private static Box camBox(Row stats, String target) {
    if (stats.isNullAt(stats.fieldIndex(CAM_BOX_X0.name()))) {
      return null;
    }
    try {
      return new Box(
          d(stats, CAM_BOX_X0.name()),
          d(stats, CAM_BOX_Y0.name()),
          d(stats, CAM_BOX_X1.name()),
          d(stats, CAM_BOX_Y1.name()),
          target);
    } catch (IllegalArgumentException degenerate) {
      return null;
    }
  }

  private BufferedImage readImage(String location) {
    if (location == null) {
      return null;
    }
    try {
      Path path = new Path(location);
      byte[] bytes;
      try (InputStream in = path.getFileSystem(conf).open(path)) {
        bytes = in.readAllBytes();
      }
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
