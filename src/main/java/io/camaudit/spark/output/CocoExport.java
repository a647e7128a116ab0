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
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Exports the weakly supervised boxes at one threshold as a COCO instances file ({@code
 * boxes_coco/<run_id>.json}) for training a detector: one image entry per explained image, one
 * annotation per region (category = the explained class, {@code score} = the region's share of the
 * map's energy). Streams rows partition by partition; the driver never holds them all.
 */
public final class CocoExport {

  /** Folder of the exports under the output root. */
  static final String DIRECTORY = "boxes_coco";

  private CocoExport() {}

  /** Stages the file {@code boxes_coco/<run_id>.json}. */
  public static void write(
      Dataset<Row> results, List<String> classes, double tau, RunCommit run, String runId) {
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
            .orderBy(IMAGE_ID.col())
            // Two passes (images, then annotations): sort once.
            .persist(StorageLevel.MEMORY_AND_DISK());
    String file = DIRECTORY + "/" + runId + ".json";
    try (Writer out = new OutputStreamWriter(run.createStagedFile(file), StandardCharsets.UTF_8);
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
                  + ", exact protocol: connected regions, never holes")
          .endObject();
      json.name("categories").beginArray();
      for (int c = 0; c < classes.size(); c++) {
        json.beginObject().name("id").value(c + 1).name("name").value(classes.get(c)).endObject();
      }
      json.endArray();
      json.name("images").beginArray();
      long imageNumber = 0;
      for (Iterator<Row> it = images.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        json.beginObject()
            .name("id")
            .value(++imageNumber)
            .name("file_name")
            .value(row.<String>getAs(ManifestSchema.PATH))
            .name("image_id")
            .value(row.<String>getAs(IMAGE_ID.name()))
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
      for (Iterator<Row> it = images.toLocalIterator(); it.hasNext(); ) {
        Row row = it.next();
        imageNumber++;
        int category = classes.indexOf(row.<String>getAs(TARGET_CLASS.name())) + 1;
        for (Row region : row.<Row>getList(row.fieldIndex(ResultSchema.REGIONS))) {
          if (region.<Double>getAs(TAU.name()) != tau) {
            continue;
          }
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
}
