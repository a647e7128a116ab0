package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.CamAudit;
import io.camaudit.data.Mutation;
import io.camaudit.data.RejectReason;
import io.camaudit.data.TestImages;
import io.camaudit.testing.LocalSpark;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A corpus of bad and unusual inputs made here, through every manifest encoding users write: each
 * valid image is processed with its box (CMYK with and without ICC profile, 16-bit, grey and alpha
 * among them), each bad input is a {@code rejected} row with its reason and a detail saying what
 * was wrong, the job finishes, read = processed + rejected, and no processed image is rejected too.
 * A seeded fuzz run mutates manifest rows and images of every format with every {@link Mutation},
 * each mutant processed or rejected for a reason its kind may cause. An empty manifest is a run of
 * nothing. The audits run in this JVM through the library entry point ({@link CamAudit}), on one
 * session for the class: what a process adds (exit codes, the console) is LocalAuditIT's and
 * ReadmeCommandsIT's to check.
 */
class BadInputIT {

  private static final JsonObject BOX = box(4, 4, 20, 20, "circle");

  /** The key of the one manifest row without an image id. */
  private static final String NO_ID = "<no id>";

  @TempDir Path dir;

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = LocalSpark.start("bad inputs");
  }

  @AfterAll
  static void stopSession() {
    spark.stop();
  }

  /**
   * What must happen to one manifest row: processed with {@code boxes} target boxes (-1: not
   * checked), where {@code boxes} is not null; rejected for one of {@code reasons}, with {@code
   * detail} (where not null) in its detail, where {@code reasons} is not empty.
   */
  private record Expected(Integer boxes, Set<String> reasons, String detail) {
    static Expected processed(int boxes) {
      return new Expected(boxes, Set.of(), null);
    }

    static Expected rejected(String reason, String detail) {
      return new Expected(null, Set.of(reason), detail);
    }

    /**
     * An image mutated by {@code kind}: processed with its boxes where the kind may decode, or
     * rejected for a reason the kind may cause, or for a box outside a size the kind changed.
     */
    static Expected mutant(int boxes, Mutation kind) {
      Set<String> reasons = new TreeSet<>();
      kind.reasons().forEach(reason -> reasons.add(reason.code()));
      if (kind.decodes() == Mutation.Decodes.AT_ANY_SIZE) {
        reasons.add(RejectReason.INVALID_BOX.code());
      }
      return new Expected(kind.decodes() == Mutation.Decodes.NEVER ? null : boxes, reasons, null);
    }
  }

  @ParameterizedTest
  @EnumSource(ManifestFiles.class)
  void everyInputIsProcessedOrRejectedWithItsReason(ManifestFiles encoding) throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    byte[] png = encode(shape(BufferedImage.TYPE_INT_RGB, 48, 40), "png");
    byte[] jpeg = encode(shape(BufferedImage.TYPE_INT_RGB, 48, 40), "jpg");
    Files.write(images.resolve("good.png"), png);
    Files.write(
        images.resolve("small.png"), encode(shape(BufferedImage.TYPE_INT_RGB, 30, 24), "png"));
    Files.write(images.resolve("zero.png"), new byte[0]);
    Files.write(images.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    Files.write(images.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Files.writeString(images.resolve("text.jpg"), "just text, named like a JPEG");
    Files.write(images.resolve("cmyk.jpg"), TestImages.fourChannelJpeg(48, 40));
    Files.write(images.resolve("cmyk-no-icc.jpg"), TestImages.cmykJpegWithoutProfile(48, 40));
    Files.write(
        images.resolve("grey.png"), encode(shape(BufferedImage.TYPE_BYTE_GRAY, 48, 40), "png"));
    Files.write(
        images.resolve("grey16.png"), encode(shape(BufferedImage.TYPE_USHORT_GRAY, 48, 40), "png"));
    Files.write(images.resolve("rgb16.png"), encode(rgb16(), "png"));
    Files.write(
        images.resolve("alpha.png"), encode(shape(BufferedImage.TYPE_INT_ARGB, 48, 40), "png"));
    Files.write(images.resolve("bomb.png"), declaredSize(png, 60_000, 60_000));

    Map<String, Expected> expected = new TreeMap<>();
    List<JsonObject> records = new ArrayList<>();
    for (String valid :
        List.of(
            "good.png",
            "cmyk.jpg",
            "cmyk-no-icc.jpg",
            "grey.png",
            "grey16.png",
            "rgb16.png",
            "alpha.png")) {
      records.add(record(valid, "images/" + valid, "circle", BOX));
      expected.put(valid, Expected.processed(1));
    }
    add(
        records,
        expected,
        record("zero.png", "images/zero.png", "circle", BOX),
        "empty_file",
        "0 bytes");
    add(
        records,
        expected,
        record("truncated.png", "images/truncated.png", "circle", BOX),
        "corrupt_image",
        "decoding failed");
    add(
        records,
        expected,
        record("truncated.jpg", "images/truncated.jpg", "circle", BOX),
        "corrupt_image",
        "decoding failed");
    add(
        records,
        expected,
        record("text.jpg", "images/text.jpg", "circle", BOX),
        "unsupported_format",
        "no image decoder recognises");
    add(
        records,
        expected,
        record("bomb.png", "images/bomb.png", "circle", BOX),
        "too_many_pixels",
        "declares 60000x60000");
    add(
        records,
        expected,
        record("missing", "images/missing.png", "circle", BOX),
        "unreadable_file",
        "missing.png");
    add(
        records,
        expected,
        record("outside", "images/good.png", "circle", box(40, 4, 90, 20, null)),
        "invalid_box",
        "lies outside the 48x40 image");
    add(
        records,
        expected,
        record("negative", "images/good.png", "circle", box(-8, -8, 10, 10, null)),
        "invalid_box",
        "lies outside");
    add(
        records,
        expected,
        record("nan", "images/good.png", "circle", box(Double.NaN, 4, 10, 10, null)),
        "invalid_box",
        "non-finite coordinate");
    add(
        records,
        expected,
        record("unordered", "images/good.png", "circle", box(20, 4, 10, 10, null)),
        "invalid_box",
        "x1 <= x0");
    add(
        records,
        expected,
        record("unknown-label", "images/good.png", "hexagon", BOX),
        "unknown_label",
        "'hexagon' is not one of the model's classes");
    add(
        records,
        expected,
        record(null, "images/good.png", "circle", BOX),
        "missing_field",
        "image_id is empty");
    add(
        records,
        expected,
        record("no-path", null, "circle", BOX),
        "missing_field",
        "path is empty");
    // The same id again, pointing at a smaller image: the first row is audited, this one is not.
    records.add(record("good.png", "images/small.png", "circle", BOX));
    Path manifest = encoding.write(records, dir);

    Path output = dir.resolve("out");
    audit(manifest, output, "bad", "--max-pixels", "10000000");

    Map<String, Row> stats = checkOutcomes(output, "bad", records.size(), expected);
    assertEquals(
        48,
        (int) stats.get("good.png").<Integer>getAs("image_width"),
        "of two rows with one id, the first is audited");
    assertNotNull(
        stats.get("cmyk-no-icc.jpg").getAs("decode_warning"),
        "the approximate CMYK conversion is recorded");
    assertNull(stats.get("good.png").getAs("decode_warning"));
    Row duplicate =
        spark
            .read()
            .parquet(output.resolve("rejected").toString())
            .filter("reason = 'duplicate_image_id'")
            .first();
    assertTrue(
        duplicate.<String>getAs("source").endsWith("images/small.png"), duplicate.toString());
    assertTrue(duplicate.<String>getAs("detail").contains("appears earlier in the manifest"));
  }

  @Test
  void seededFuzzOfImagesAndManifestRowsLosesNothingAndCrashesNothing() throws Exception {
    Random random = new Random(29112026L);
    Path images = Files.createDirectories(dir.resolve("images"));
    Map<String, Expected> expected = new HashMap<>();
    List<JsonObject> records = new ArrayList<>();
    int n = 0;
    for (String format : List.of("png", "jpg", "gif", "bmp", "wbmp")) {
      byte[] valid =
          encode(
              shape(
                  format.equals("wbmp")
                      ? BufferedImage.TYPE_BYTE_BINARY
                      : BufferedImage.TYPE_INT_RGB,
                  48,
                  40),
              format);
      // The valid image, then one mutant of each kind.
      for (int m = 0; m <= Mutation.values().length; m++) {
        String name = "f" + (n++) + "." + format;
        boolean original = m == 0;
        Mutation kind = original ? null : Mutation.values()[m - 1];
        Files.write(images.resolve(name), original ? valid : kind.apply(valid, format, random));
        String id = "img-" + name;
        // Random manifest rows around each image: good, or with one thing wrong.
        switch (original ? random.nextInt(6) : 0) {
          case 1 ->
              add(
                  records,
                  expected,
                  record(id, "images/" + name, "nonagon", BOX),
                  "unknown_label",
                  "nonagon");
          case 2 ->
              add(
                  records,
                  expected,
                  record(
                      id,
                      "images/" + name,
                      "circle",
                      box(random.nextInt(40), 0, 200 + random.nextInt(100), 10, null)),
                  "invalid_box",
                  "lies outside");
          case 3 -> {
            JsonObject record = record(id, "images/" + name, "circle", BOX);
            record.addProperty("boxes", "x0=4 y0=4 (" + random.nextInt() + ")");
            add(records, expected, record, "invalid_box", "boxes is not a JSON array");
          }
          case 4 ->
              add(
                  records,
                  expected,
                  record(id, "images/" + name + ".gone", "circle", BOX),
                  "unreadable_file",
                  ".gone");
          default -> {
            int boxes = 1 + random.nextInt(3);
            JsonArray array = new JsonArray();
            for (int b = 0; b < boxes; b++) {
              int x = random.nextInt(30);
              int y = random.nextInt(25);
              array.add(
                  box(
                      x,
                      y,
                      x + 1 + random.nextInt(18),
                      y + 1 + random.nextInt(15),
                      random.nextBoolean() ? "circle" : null));
            }
            JsonObject record =
                record(id, "images/" + name, random.nextBoolean() ? "circle" : null, null);
            record.add("boxes", array);
            records.add(record);
            int target = record.get("label").isJsonNull() ? -1 : boxes;
            expected.put(id, original ? Expected.processed(target) : Expected.mutant(target, kind));
          }
        }
      }
    }
    List<String> lines = new ArrayList<>(records.stream().map(JsonObject::toString).toList());
    lines.add(3, "{\"image_id\": \"cut-off\", \"path\": \"images/f0.png\", \"boxes\": [{\"x0\"");
    lines.add(11, "this line is not JSON at all");
    Path manifest = dir.resolve("fuzz.jsonl");
    Files.write(manifest, lines);

    Path output = dir.resolve("out");
    audit(manifest, output, "fuzz", "--partitions", "3");
    checkOutcomes(output, "fuzz", lines.size(), expected);
    assertEquals(
        2,
        spark
            .read()
            .parquet(output.resolve("rejected").toString())
            .filter("reason = 'malformed_record'")
            .count(),
        "the two lines that are not JSON");
  }

  @Test
  void anEmptyManifestIsARunOfNothing() throws Exception {
    Files.writeString(dir.resolve("empty.jsonl"), "");
    Path output = dir.resolve("out");
    audit(dir.resolve("empty.jsonl"), output, "none");
    JsonObject counts = counts(output, "none");
    assertEquals(0, counts.get("read").getAsLong());
    assertEquals(0, counts.get("processed").getAsLong());
  }

  /**
   * Checks every expected outcome and the accounting: the run read {@code read} rows, and each was
   * processed or rejected. Returns the {@code image_stats} rows by image id.
   */
  private Map<String, Row> checkOutcomes(
      Path output, String runId, int read, Map<String, Expected> expected) throws Exception {
    JsonObject counts = counts(output, runId);
    assertEquals(read, counts.get("read").getAsLong(), counts.toString());
    assertEquals(read, counts.get("processed").getAsLong() + counts.get("rejected").getAsLong());
    Map<String, Row> stats = new TreeMap<>();
    Map<String, Row> rejected = new TreeMap<>();
    for (Row row : spark.read().parquet(output.resolve("image_stats").toString()).collectAsList()) {
      assertNull(stats.put(row.getAs("image_id"), row), "explained once: " + row);
    }
    for (Row row :
        spark
            .read()
            .parquet(output.resolve("rejected").toString())
            .filter("reason NOT IN ('duplicate_image_id', 'malformed_record')")
            .collectAsList()) {
      String id = row.getAs("image_id");
      assertNull(rejected.put(id == null ? NO_ID : id, row), "rejected once: " + row);
    }
    Set<String> processedAndRejected = new TreeSet<>(stats.keySet());
    processedAndRejected.retainAll(
        spark
            .read()
            .parquet(output.resolve("rejected").toString())
            .filter("reason IS NULL OR reason != 'duplicate_image_id'")
            .select("image_id")
            .as(Encoders.STRING())
            .collectAsList());
    assertEquals(
        Set.of(),
        processedAndRejected,
        "no processed image is rejected too (but for a later row repeating its id)");
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      String id = e.getKey();
      Expected want = e.getValue();
      Row explained = stats.get(id);
      Row refused = rejected.get(id);
      if (want.boxes() != null && (explained != null || want.reasons().isEmpty())) {
        assertNotNull(explained, id + " is processed, not " + refused);
        if (want.boxes() >= 0) {
          assertEquals(
              want.boxes(),
              (int) explained.<Integer>getAs("box_count"),
              id + " is measured against its boxes");
        }
      } else {
        assertNotNull(refused, id + " is rejected as one of " + want.reasons());
        assertTrue(
            want.reasons().contains(refused.<String>getAs("reason")),
            id + " is rejected as one of " + want.reasons() + ": " + refused);
        if (want.detail() != null) {
          assertTrue(
              refused.<String>getAs("detail").contains(want.detail()),
              id + ": the detail says what was wrong: " + refused.getAs("detail"));
        }
      }
    }
    return stats;
  }

  private static JsonObject counts(Path output, String runId) throws Exception {
    return JsonParser.parseString(Files.readString(output.resolve("summaries/" + runId + ".json")))
        .getAsJsonObject()
        .getAsJsonObject("counts");
  }

  private static void add(
      List<JsonObject> records,
      Map<String, Expected> expected,
      JsonObject record,
      String reason,
      String detail) {
    records.add(record);
    String id = record.get("image_id").isJsonNull() ? NO_ID : record.get("image_id").getAsString();
    expected.put(id, Expected.rejected(reason, detail));
  }

  private static JsonObject record(String id, String path, String label, JsonObject box) {
    JsonObject record = new JsonObject();
    record.addProperty("image_id", id);
    record.addProperty("path", path);
    record.addProperty("label", label);
    JsonArray boxes = new JsonArray();
    if (box != null) {
      boxes.add(box);
    }
    record.add("boxes", boxes);
    return record;
  }

  private static JsonObject box(double x0, double y0, double x1, double y1, String label) {
    JsonObject box = new JsonObject();
    box.addProperty("x0", x0);
    box.addProperty("y0", y0);
    box.addProperty("x1", x1);
    box.addProperty("y1", y1);
    box.addProperty("label", label);
    return box;
  }

  /** Runs the audit on this class's session, as a caller of the library would. */
  private static void audit(Path manifest, Path output, String runId, String... options) {
    CamAudit.audit(
        spark, JobProcess.auditOptions(manifest.toString(), output.toString(), runId, options));
  }

  /** An image of the given type and size with a filled circle. */
  private static BufferedImage shape(int type, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(120, 130, 140));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(230, 60, 40));
    g.fillOval(4, 4, 16, 16);
    g.dispose();
    return image;
  }

  private static BufferedImage rgb16() {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            java.awt.Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(48, 40);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 48; x++) {
        raster.setPixel(x, y, new int[] {x * 1300, y * 1600, 30000});
      }
    }
    return new BufferedImage(model, raster, false, null);
  }

  private static byte[] encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no " + format + " writer for " + image);
    }
    return out.toByteArray();
  }

  /** {@code png} with its header claiming {@code width × height} pixels (a decompression bomb). */
  private static byte[] declaredSize(byte[] png, int width, int height) {
    byte[] bomb = png.clone();
    ByteBuffer buffer = ByteBuffer.wrap(bomb);
    buffer.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(bomb, 12, 17);
    buffer.putInt(29, (int) crc.getValue());
    return bomb;
  }
}
