package io.camaudit.report;

import com.google.gson.JsonObject;
import io.camaudit.image.ColourMap;
import io.camaudit.metrics.group.GroupMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the HTML report shows, read from one run's tables: plain values, no Spark.
 *
 * @param runId the run
 * @param summary the run summary ({@code summaries/<run_id>.json} or {@code runs.summary_json})
 * @param groupMetrics rows of {@code group_metrics}
 * @param disparities {@code group_disparities}, as a table
 * @param diff {@code audit_diff}, as a table whose flagged rows breached; null when the run has
 *     none
 * @param moved per breached row, the images of {@code audit_diff_images} shown before and after;
 *     null when the run has no such table
 * @param curve points of {@code localisation_curve} for class {@code *} at δ = 0.5
 * @param localisation {@code localisation}, as a table
 * @param rejected some rows of {@code rejected}, as a table
 * @param galleryColumn the group column of the gallery ({@code *} for all images)
 * @param galleryColours the colour map of the gallery's heatmaps
 * @param gallery one entry per group value
 * @param galleryNote a remark about the gallery (missing manifest, missing images), or null
 * @param slices the classes' top shortcut slices, highest shortcut score first; empty when the run
 *     has no {@code slices} table
 */
public record ReportModel(
    String runId,
    JsonObject summary,
    List<GroupMetric> groupMetrics,
    Table disparities,
    Table diff,
    List<MovedImages> moved,
    List<CurvePoint> curve,
    Table localisation,
    Table rejected,
    String galleryColumn,
    ColourMap galleryColours,
    List<GalleryGroup> gallery,
    String galleryNote,
    List<SliceView> slices) {

  /** Every picture with its image id: the gallery's, then the nightly diff's. */
  public List<Map.Entry<String, Picture>> pictures() {
    List<Map.Entry<String, Picture>> pictures = new ArrayList<>(pictures(gallery));
    for (SliceView slice : slices) {
      slice.tiles().forEach(t -> pictures.add(Map.entry(t.imageId(), t.picture())));
    }
    for (MovedImages breach : moved == null ? List.<MovedImages>of() : moved) {
      for (MovedImage image : breach.images()) {
        Stream.of(image.before(), image.after())
            .filter(view -> view.picture() != null)
            .forEach(view -> pictures.add(Map.entry(image.imageId(), view.picture())));
      }
    }
    return pictures;
  }

  /** The pictures of a gallery with their image ids. */
  static List<Map.Entry<String, Picture>> pictures(List<GalleryGroup> gallery) {
    return gallery.stream()
        .flatMap(group -> Stream.concat(group.worst().stream(), group.best().stream()))
        .map(t -> Map.entry(t.imageId(), t.picture()))
        .toList();
  }

  /** A table: header, cells as text, and a flag per row (highlighted). */
  public record Table(List<String> header, List<List<String>> rows, List<Boolean> flagged) {}

  /** One point of a MaxBoxAcc curve. */
  public record CurvePoint(String regions, double tau, double accuracy, long images) {}

  /** The gallery of one group value: its lowest and highest {@code energy_in_fraction} images. */
  public record GalleryGroup(String value, long images, List<Tile> worst, List<Tile> best) {}

  /**
   * A class's top shortcut slice ({@code slices}, rank 1) and the overlays of its members nearest
   * its centre. Values are null where undefined.
   */
  public record SliceView(
      String slice,
      long images,
      Double shortcutScore,
      Double accuracy,
      Double energyInFraction,
      Double backgroundOnlyAccuracy,
      List<Tile> tiles) {}

  /** One gallery overlay. */
  public record Tile(
      String imageId,
      String label,
      String predicted,
      String targetClass,
      double fraction,
      Picture picture) {}

  /**
   * A heatmap drawn over its image, as PNG.
   *
   * @param width thumbnail width, pixels
   * @param height thumbnail height, pixels
   * @param missing why the map is drawn on grey (the image file or its manifest entry not found or
   *     not readable); null when it is drawn over its image
   */
  public record Picture(String pngBase64, int width, int height, String missing) {}

  /** The images that moved one breached {@code audit_diff} row most, from audit_diff_images. */
  public record MovedImages(
      String groupColumn, String groupValue, String metric, List<MovedImage> images) {}

  /**
   * One image of a breach and how each run saw it.
   *
   * @param presence {@code both}, {@code before_only} or {@code after_only}
   * @param shift how it moves the metric ({@code audit_diff_images.shift}), NaN when unknown
   */
  public record MovedImage(
      String imageId, String presence, double shift, RunView before, RunView after) {}

  /**
   * One run's view of an image.
   *
   * @param runId the run
   * @param label the image's label there
   * @param predicted the model's class there
   * @param value the image's value of the metric there, NaN when undefined or absent
   * @param picture its overlay, or null
   * @param note why the picture is missing or drawn on grey; null when it shows the image
   */
  public record RunView(
      String runId, String label, String predicted, double value, Picture picture, String note) {}
}
