package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.ENERGY_SHARE;
import static io.camaudit.spark.output.OutputColumns.IMAGE_HEIGHT;
import static io.camaudit.spark.output.OutputColumns.IMAGE_ID;
import static io.camaudit.spark.output.OutputColumns.IMAGE_WIDTH;
import static io.camaudit.spark.output.OutputColumns.TARGET_CLASS;
import static io.camaudit.spark.output.OutputColumns.TAU;
import static io.camaudit.spark.output.OutputColumns.X0;
import static io.camaudit.spark.output.OutputColumns.X1;
import static io.camaudit.spark.output.OutputColumns.Y0;
import static io.camaudit.spark.output.OutputColumns.Y1;
import static org.apache.spark.sql.functions.col;

import com.google.gson.stream.JsonWriter;
import io.camaudit.spark.input.ManifestSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Exports the weakly supervised boxes at one threshold as a COCO instances file ({@code
 * boxes_coco/<run_id>.json}) for training a detector: one image entry per explained image, one
 * annotation per region of each of its explained classes (category = the class, {@code score} = the
 * region's share of that class's map's energy). Streams rows partition by partition; the driver
 * never holds them all.
 */
public final class CocoExport {

  /** Folder of the exports under the output root. */
  static final String DIRECTORY = "boxes_coco";

  private CocoExport() {}

  /**
   * Stages the file {@code boxes_coco/<run_id>.json}.
   *
   * @param imagesPrefix a qualified folder with a trailing slash: the file names of the images
   *     under it are written relative to it (detector toolkits join them with their image prefix),
   *     the others absolute; null to write every file name absolute
   */
  public static void write(
      Dataset<Row> results,
      List<String> classes,
      CocoSettings settings,
      String imagesPrefix,
      RunWriter run,
      String runId) {
    double tau = settings.tau();
    Dataset<Row> images =
        results
            .filter(col(ResultSchema.EXPLAINED))
            .select(
                IMAGE_ID.col(),
                col(ManifestSchema.PATH),
                IMAGE_WIDTH.col(),
                IMAGE_HEIGHT.col(),
                TARGET_CLASS.col(),
                col(ResultSchema.REGIONS))
            .orderBy(IMAGE_ID.col(), TARGET_CLASS.col())
            // Two passes (images, then annotations): sort once.
            .persist(StorageLevel.MEMORY_AND_DISK());
    String file = DIRECTORY + "/" + runId + ".json";
    try (Writer out = new OutputStreamWriter(run.createFile(file), StandardCharsets.UTF_8);
        JsonWriter json = new JsonWriter(out)) {
      json.beginObject();
      json.name("info")
          .beginObject()
          .name("description")
          .value(
              "cam-audit weakly supervised boxes, run "
                  + runId
                  + ", tau "
                  + tau
                  + ", min area "
                  + settings.minArea()
                  + ", top "
                  + (settings.topK() == 0 ? "all" : settings.topK())
                  + " per image; exact protocol: connected regions, never holes")
          .endObject();
      json.name("categories").beginArray();
      for (int c = 0; c < classes.size(); c++) {
        json.beginObject().name("id").value(c + 1).name("name").value(classes.get(c)).endObject();
      }
      json.endArray();
      json.name("images").beginArray();
      long imageNumber = 0;
      String previous = null;
      for (Iterator<Row> it = images.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        String imageId = row.getAs(IMAGE_ID.name());
        if (imageId.equals(previous)) {
          continue;
        }
        previous = imageId;
        json.beginObject()
            .name("id")
            .value(++imageNumber)
            .name("file_name")
            .value(fileName(row.<String>getAs(ManifestSchema.PATH), imagesPrefix))
            .name("image_id")
            .value(imageId)
            .name("width")
            .value(row.<Integer>getAs(IMAGE_WIDTH.name()))
            .name("height")
            .value(row.<Integer>getAs(IMAGE_HEIGHT.name()))
            .endObject();
      }
      json.endArray();
      json.name("annotations").beginArray();
      long annotation = 0;
      imageNumber = 0;
      previous = null;
      for (Iterator<Row> it = images.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        String imageId = row.getAs(IMAGE_ID.name());
        if (!imageId.equals(previous)) {
          imageNumber++;
          previous = imageId;
        }
        int category = classes.indexOf(row.<String>getAs(TARGET_CLASS.name())) + 1;
        for (Row region : exported(row.getList(row.fieldIndex(ResultSchema.REGIONS)), settings)) {
          double x0 = region.getAs(X0.name());
          double y0 = region.getAs(Y0.name());
          double w = region.<Double>getAs(X1.name()) - x0;
          double h = region.<Double>getAs(Y1.name()) - y0;
          json.beginObject()
              .name("id")
              .value(++annotation)
              .name("image_id")
              .value(imageNumber)
              .name("category_id")
              .value(category)
              .name("bbox")
              .beginArray()
              .value(x0)
              .value(y0)
              .value(w)
              .value(h)
              .endArray()
              .name("area")
              .value(w * h)
              .name("iscrowd")
              .value(0)
              .name("score")
              .value(region.<Double>getAs(ENERGY_SHARE.name()))
              .endObject();
        }
      }
      json.endArray();
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the COCO export " + file, e);
    } finally {
      images.unpersist();
    }
  }

  /** The regions at the export's tau that pass its filters, the highest energy share first. */
  private static List<Row> exported(List<Row> regions, CocoSettings settings) {
    List<Row> kept = new ArrayList<>();
    for (Row region : regions) {
      double width = region.<Double>getAs(X1.name()) - region.<Double>getAs(X0.name());
      double height = region.<Double>getAs(Y1.name()) - region.<Double>getAs(Y0.name());
      if (region.<Double>getAs(TAU.name()) == settings.tau()
          && width * height >= settings.minArea()) {
        kept.add(region);
      }
    }
    // Stable: equal shares keep the regions' order, largest first.
    kept.sort(
        Comparator.comparingDouble((Row r) -> r.<Double>getAs(ENERGY_SHARE.name())).reversed());
    return settings.topK() == 0 || kept.size() <= settings.topK()
        ? kept
        : kept.subList(0, settings.topK());
  }

  /** {@code path} relative to {@code prefix} when it lies under it, else as it is. */
  static String fileName(String path, String prefix) {
    return prefix != null && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }
}
