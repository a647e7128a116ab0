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
import org.apache.hadoop.fs.FileSystem;
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

  /**
   * Some images' manifest entries (path and boxes) by image id, or why a manifest gave none.
   *
   * @param problem the manifest is not named, not found or not readable; null when it was read
   */
  record Entries(Map<String, Row> rows, String problem) {

    /** Why an image has no entry here. */
    String whyAbsent(ManifestReader.Source source) {
      return problem != null ? problem : "not in the manifest " + source.location();
    }
  }

  /** The entries of {@code ids} in a manifest; none, with the reason, when it cannot be read. */
  static Entries manifest(
      SparkSession spark, ManifestReader.Source source, Collection<String> ids) {
    if (source == null) {
      return new Entries(
          Map.of(), "no manifest: the run's summary names none (report with --manifest)");
    }
    Map<String, Row> entries = new HashMap<>();
    try {
      Path path = new Path(source.location());
      if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
        return new Entries(Map.of(), "manifest " + source.location() + " not found");
      }
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
    } catch (IOException | RuntimeException e) {
      return new Entries(
          Map.of(), "manifest " + source.location() + " could not be read (" + firstLine(e) + ")");
    }
    return new Entries(entries, null);
  }

  /**
   * The overlay of one explained image.
   *
   * @param stats its {@code image_stats} row
   * @param heatmap its {@code heatmaps} row
   * @param entry its manifest entry, or null: the map is then drawn on grey, without boxes
   * @param whyNoEntry why it has no entry, for the picture's {@link Picture#missing}
   */
  Picture draw(Row stats, Row heatmap, Row entry, String whyNoEntry) {
    int width = stats.<Integer>getAs(IMAGE_WIDTH.name());
    int height = stats.<Integer>getAs(IMAGE_HEIGHT.name());
    String target = stats.getAs(TARGET_CLASS.name());
    ImageFile file =
        entry == null ? new ImageFile(null, whyNoEntry) : read(entry.getAs(ManifestSchema.PATH));
    BufferedImage image = file.image();
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
        file.missing());
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

  /** An image file's picture, or why there is none. */
  private record ImageFile(BufferedImage image, String missing) {}

  private ImageFile read(String location) {
    if (location == null) {
      return new ImageFile(null, "no path in the manifest");
    }
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return new ImageFile(null, "image file " + location + " not found");
      }
      byte[] bytes;
      try (InputStream in = fs.open(path)) {
        bytes = in.readAllBytes();
      }
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      return image != null
          ? new ImageFile(image, null)
          : new ImageFile(null, "image file " + location + " is in a format Java cannot draw");
    } catch (IOException | RuntimeException e) {
      return new ImageFile(
          null, "image file " + location + " could not be read (" + firstLine(e) + ")");
    }
  }

  /** The first line of an exception's message (Spark's run on with plans and hints). */
  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
