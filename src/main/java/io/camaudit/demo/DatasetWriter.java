package io.camaudit.demo;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.camaudit.image.Box;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes samples {@code 0..count-1} of a {@link ShortcutDatasetGenerator} to a folder: one image
 * per sample under {@code images/}, PNG except every 4th one (index {@code 3, 7, 11, ...}), which
 * is JPEG at quality 0.95, and {@code manifest.jsonl}, one JSON object per image in index order:
 *
 * <pre>{@code
 * {"image_id":"demo-000003","path":"images/demo-000003.jpg","label":"circle",
 *  "boxes":[{"x0":10.0,"y0":12.0,"x1":40.0,"y1":44.0,"label":"circle"}],
 *  "source":"studio","tagged":true}
 * }</pre>
 *
 * <p>The output depends only on the seed and count: on the same JDK, writing twice gives identical
 * bytes (the pixels are the same on any JDK; compressed bytes may differ with the JDK's zlib and
 * JPEG codec). Existing files of the same names are replaced; other files are left alone.
 */
public final class DatasetWriter {

  /** Name of the manifest file in the output folder. */
  public static final String MANIFEST_FILE = "manifest.jsonl";

  /** Name of the image folder in the output folder. */
  public static final String IMAGE_DIR = "images";

  private static final int JPEG_EVERY = 4;
  private static final float JPEG_QUALITY = 0.95f;
  private static final Gson GSON = new Gson();

  private DatasetWriter() {}

  /**
   * Writes the dataset and returns its manifest.
   *
   * @param generator source of the samples
   * @param count number of samples, {@code >= 1}
   * @param dir output folder, created if missing
   */
  public static DemoManifest write(ShortcutDatasetGenerator generator, int count, Path dir)
      throws IOException {
    if (generator == null || dir == null) {
      throw new IllegalArgumentException("Generator and output folder must be non-null");
    }
    if (count < 1) {
      throw new IllegalArgumentException("Sample count must be >= 1, got " + count);
    }
    Files.createDirectories(dir.resolve(IMAGE_DIR));
    Path manifest = dir.resolve(MANIFEST_FILE);
    List<DemoManifest.Entry> entries = new ArrayList<>(count);
    try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
      for (int index = 0; index < count; index++) {
        SyntheticSample sample = generator.sample(index);
        boolean jpeg = index % JPEG_EVERY == JPEG_EVERY - 1;
        String path = IMAGE_DIR + "/" + sample.imageId() + (jpeg ? ".jpg" : ".png");
        byte[] bytes =
            jpeg
                ? ImageEncoder.jpeg(sample.image(), JPEG_QUALITY)
                : ImageEncoder.png(sample.image());
        Files.write(dir.resolve(path), bytes);
        DemoManifest.Entry entry =
            new DemoManifest.Entry(
                sample.imageId(),
                path,
                sample.label(),
                sample.box(),
                sample.source(),
                sample.tagged());
        out.write(GSON.toJson(toJson(entry)));
        out.write('\n');
        entries.add(entry);
      }
    }
    return new DemoManifest(manifest, entries);
  }

  private static JsonObject toJson(DemoManifest.Entry entry) {
    Box box = entry.box();
    JsonObject boxJson = new JsonObject();
    boxJson.addProperty("x0", box.x0());
    boxJson.addProperty("y0", box.y0());
    boxJson.addProperty("x1", box.x1());
    boxJson.addProperty("y1", box.y1());
    boxJson.addProperty("label", box.label());
    JsonArray boxes = new JsonArray();
    boxes.add(boxJson);
    JsonObject json = new JsonObject();
    json.addProperty("image_id", entry.imageId());
    json.addProperty("path", entry.path());
    json.addProperty("label", entry.label());
    json.add("boxes", boxes);
    json.addProperty("source", entry.source());
    json.addProperty("tagged", entry.tagged());
    return json;
  }
}
