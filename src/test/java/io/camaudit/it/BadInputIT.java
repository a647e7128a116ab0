package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad and unusual inputs made here: each valid one is processed (CMYK, 16-bit, grey
 * and alpha images among them), each bad one is a {@code rejected} row with its reason, the job
 * finishes, and read = processed + rejected. An empty manifest is a run of nothing.
 */
class BadInputIT {

  private static final String BOX = "{\"x0\":4,\"y0\":4,\"x1\":20,\"y1\":20,\"label\":\"circle\"}";

  @TempDir Path dir;

  @Test
  void everyInputIsProcessedOrRejectedWithItsReason() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    byte[] png = encode(shape(BufferedImage.TYPE_INT_RGB), "png");
    byte[] jpeg = encode(shape(BufferedImage.TYPE_INT_RGB), "jpg");
    Files.write(images.resolve("good.png"), png);
    Files.write(images.resolve("zero.png"), new byte[0]);
    Files.write(images.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    Files.write(images.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Files.writeString(images.resolve("text.jpg"), "just text, named like a JPEG");
    Files.write(images.resolve("cmyk.jpg"), cmykJpeg());
    Files.write(images.resolve("grey.png"), encode(shape(BufferedImage.TYPE_BYTE_GRAY), "png"));
    Files.write(images.resolve("grey16.png"), encode(shape(BufferedImage.TYPE_USHORT_GRAY), "png"));
    Files.write(images.resolve("rgb16.png"), encode(rgb16(), "png"));
    Files.write(images.resolve("alpha.png"), encode(shape(BufferedImage.TYPE_INT_ARGB), "png"));
    Files.write(images.resolve("bomb.png"), declaredSize(png, 60_000, 60_000));

    Map<String, String> expected = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (String valid : List.of("good.png", "cmyk.jpg", "grey.png", "grey16.png", "rgb16.png",
        "alpha.png")) {
      lines.add(line(valid, "images/" + valid, "circle", BOX));
      expected.put(valid, null);
    }
    rejected(lines, expected, "zero.png", "images/zero.png", "circle", BOX, "empty_file");
    rejected(lines, expected, "truncated.png", "images/truncated.png", "circle", BOX,
        "corrupt_image");
    rejected(lines, expected, "truncated.jpg", "images/truncated.jpg", "circle", BOX,
        "corrupt_image");
    rejected(lines, expected, "text.jpg", "images/text.jpg", "circle", BOX, "unsupported_format");
    rejected(lines, expected, "bomb.png", "images/bomb.png", "circle", BOX, "too_many_pixels");
    rejected(lines, expected, "missing", "images/missing.png", "circle", BOX, "unreadable_file");
    rejected(lines, expected, "outside", "images/good.png", "circle",
        "{\"x0\":40,\"y0\":4,\"x1\":90,\"y1\":20}", "invalid_box");
    rejected(lines, expected, "negative", "images/good.png", "circle",
        "{\"x0\":-8,\"y0\":-8,\"x1\":10,\"y1\":10}", "invalid_box");
    rejected(lines, expected, "nan", "images/good.png", "circle",
        "{\"x0\":NaN,\"y0\":4,\"x1\":10,\"y1\":10}", "invalid_box");
    rejected(lines, expected, "unknown-label", "images/good.png", "hexagon", BOX,
        "unknown_label");
    lines.add(line("good.png", "images/alpha.png", "circle", BOX));
    Files.write(dir.resolve("manifest.jsonl"), lines);

    Path output = dir.resolve("out");
    JobProcess.Result run = JobProcess.run(dir, "audit", "--manifest",
        dir.resolve("manifest.jsonl").toString(), "--output", output.toString(), "--run-id",
        "bad", "--max-pixels", "10000000");
    assertEquals(0, run.exitCode(), run.output());

    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      Map<String, String> reasons = new TreeMap<>();
      int duplicates = 0;
      for (Row row : spark.read().parquet(output.resolve("rejected").toString()).collectAsList()) {
        if ("duplicate_image_id".equals(row.getAs("reason"))) {
          duplicates++;
          continue;
        }
        reasons.put(row.getAs("image_id"), row.getAs("reason"));
        assertTrue(((String) row.getAs("detail")).length() > 5, "a detail for " + row);
      }
      assertEquals(1, duplicates, "the second 'good.png' row is a duplicate id");
      Map<String, String> wanted = new TreeMap<>(expected);
      wanted.values().removeIf(v -> v == null);
      assertEquals(wanted, reasons);
      List<String> processed = spark.read().parquet(output.resolve("image_stats").toString())
          .select("image_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      assertEquals(new TreeMap<>(Map.of("alpha.png", 1, "cmyk.jpg", 1, "good.png", 1,
          "grey.png", 1, "grey16.png", 1, "rgb16.png", 1)).keySet(),
          new java.util.TreeSet<>(processed));
    }
    JsonObject counts = JsonParser.parseString(
        Files.readString(output.resolve("summaries/bad.json"))).getAsJsonObject()
        .getAsJsonObject("counts");
    assertEquals(lines.size(), counts.get("read").getAsLong());
    assertEquals(6, counts.get("processed").getAsLong());
    assertEquals(lines.size() - 6, counts.get("rejected").getAsLong());

  }

  @Test
  void reRunningARunIdReplacesAllItsOutputsEvenTablesThatAreNowEmpty() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.write(images.resolve("good.png"), encode(shape(BufferedImage.TYPE_INT_RGB), "png"));
    Files.write(images.resolve("zero.png"), new byte[0]);
    Path manifest = dir.resolve("manifest.jsonl");
    Path output = dir.resolve("out");
    String[] audit = {"audit", "--manifest", manifest.toString(), "--output", output.toString(),
        "--run-id", "again"};
    Files.write(manifest, List.of(line("good", "images/good.png", "circle", BOX),
        line("zero", "images/zero.png", "circle", BOX)));
    assertEquals(0, JobProcess.run(dir, audit).exitCode());
    assertTrue(Files.isDirectory(output.resolve("rejected/run_id=again")));

    Files.write(manifest, List.of(line("good", "images/good.png", "circle", BOX)));
    JobProcess.Result rerun = JobProcess.run(dir, audit);
    assertEquals(0, rerun.exitCode(), rerun.output());
    assertTrue(!Files.exists(output.resolve("rejected/run_id=again")),
        "the fixed input's rejection is gone after the re-run");
    try (SparkSession spark =
        SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate()) {
      assertEquals(1, spark.read().parquet(output.resolve("image_stats").toString()).count());
    }
  }

  @Test
  void anEmptyManifestIsARunOfNothing() throws Exception {
    Files.writeString(dir.resolve("empty.jsonl"), "");
    Path output = dir.resolve("out");
    JobProcess.Result run = JobProcess.run(dir, "audit", "--manifest",
        dir.resolve("empty.jsonl").toString(), "--output", output.toString(), "--run-id", "none");
    assertEquals(0, run.exitCode(), run.output());
    JsonObject counts = JsonParser.parseString(
        Files.readString(output.resolve("summaries/none.json"))).getAsJsonObject()
        .getAsJsonObject("counts");
    assertEquals(0, counts.get("read").getAsLong());
    assertEquals(0, counts.get("processed").getAsLong());
  }

  private static void rejected(List<String> lines, Map<String, String> expected, String id,
      String path, String label, String box, String reason) {
    lines.add(line(id, path, label, box));
    expected.put(id, reason);
  }

  private static String line(String id, String path, String label, String box) {
    return "{\"image_id\":\"" + id + "\",\"path\":\"" + path + "\",\"label\":\"" + label
        + "\",\"boxes\":[" + box + "]}";
  }

  /** A 48×40 image of the given type with a filled circle. */
  private static BufferedImage shape(int type) {
    BufferedImage image = new BufferedImage(48, 40, type);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(120, 130, 140));
    g.fillRect(0, 0, 48, 40);
    g.setColor(new Color(230, 60, 40));
    g.fillOval(4, 4, 16, 16);
    g.dispose();
    return image;
  }

  private static BufferedImage rgb16() {
    ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
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

  /** A four-channel (CMYK) JPEG written from a raster, which the JDK's own reader refuses. */
  private static byte[] cmykJpeg() throws Exception {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 48, 40, 4, null);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 48; x++) {
        raster.setPixel(x, y, new int[] {x * 5, y * 6, 40, 10});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
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
