package io.camaudit.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.image.Box;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

  private static final int COUNT = 10;

  @TempDir Path dir;

  @Test
  void writesOneDecodableImageAndOneManifestLinePerSample() throws IOException {
    ShortcutDatasetGenerator generator = new ShortcutDatasetGenerator(7);

    DemoManifest manifest = DatasetWriter.write(generator, COUNT, dir);

    List<String> lines = Files.readAllLines(manifest.file(), StandardCharsets.UTF_8);
    assertEquals(dir.resolve(DatasetWriter.MANIFEST_FILE), manifest.file());
    assertEquals(COUNT, lines.size());
    assertEquals(COUNT, manifest.entries().size());
    try (Stream<Path> images = Files.list(dir.resolve(DatasetWriter.IMAGE_DIR))) {
      assertEquals(COUNT, images.count());
    }
    for (int i = 0; i < COUNT; i++) {
      SyntheticSample sample = generator.sample(i);
      JsonObject json = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      String path = json.get("path").getAsString();
      JsonArray boxes = json.getAsJsonArray("boxes");
      JsonObject box = boxes.get(0).getAsJsonObject();
      BufferedImage image = ImageIO.read(dir.resolve(path).toFile());

      assertEquals(sample.imageId(), json.get("image_id").getAsString());
      assertEquals("images/" + sample.imageId() + (i % 4 == 3 ? ".jpg" : ".png"), path);
      assertEquals(sample.label(), json.get("label").getAsString());
      assertEquals(sample.source(), json.get("source").getAsString());
      assertEquals(sample.tagged(), json.get("tagged").getAsBoolean());
      assertEquals(1, boxes.size());
      assertEquals(
          sample.box(),
          new Box(
              box.get("x0").getAsDouble(),
              box.get("y0").getAsDouble(),
              box.get("x1").getAsDouble(),
              box.get("y1").getAsDouble(),
              box.get("label").getAsString()));
      assertNotNull(image, path + " did not decode");
      assertEquals(sample.image().getWidth(), image.getWidth(), path);
      assertEquals(sample.image().getHeight(), image.getHeight(), path);
      assertEquals(
          new DemoManifest.Entry(
              sample.imageId(),
              path,
              sample.label(),
              sample.box(),
              sample.source(),
              sample.tagged()),
          manifest.entries().get(i));
    }
  }

  @Test
  void manifestLineHasTheDocumentedShape() throws IOException {
    DemoManifest manifest = DatasetWriter.write(new ShortcutDatasetGenerator(7), 1, dir);

    String line = Files.readAllLines(manifest.file(), StandardCharsets.UTF_8).get(0);
    String number = "\\d+\\.0";
    String pattern =
        "\\{\"image_id\":\"demo-000000\",\"path\":\"images/demo-000000\\.png\","
            + "\"label\":\"(circle|square|triangle)\",\"boxes\":\\[\\{"
            + String.format("\"x0\":%1$s,\"y0\":%1$s,\"x1\":%1$s,\"y1\":%1$s,", number)
            + "\"label\":\"\\1\"}],\"source\":\"(camera-a|camera-b|studio)\","
            + "\"tagged\":(true|false)}";
    assertTrue(line.matches(pattern), line);
  }

  @Test
  void writingTwiceGivesIdenticalBytes(@TempDir Path other) throws IOException {
    ShortcutDatasetGenerator generator = new ShortcutDatasetGenerator(99);

    DatasetWriter.write(generator, COUNT, dir);
    DatasetWriter.write(new ShortcutDatasetGenerator(99), COUNT, other);

    assertArrayEquals(
        Files.readAllBytes(dir.resolve(DatasetWriter.MANIFEST_FILE)),
        Files.readAllBytes(other.resolve(DatasetWriter.MANIFEST_FILE)));
    for (int i = 0; i < COUNT; i++) {
      String name = ShortcutDatasetGenerator.imageId(i) + (i % 4 == 3 ? ".jpg" : ".png");
      Path relative = Path.of(DatasetWriter.IMAGE_DIR, name);
      assertArrayEquals(
          Files.readAllBytes(dir.resolve(relative)),
          Files.readAllBytes(other.resolve(relative)),
          name);
    }
  }

  @Test
  void rejectsNonPositiveCount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DatasetWriter.write(new ShortcutDatasetGenerator(1), 0, dir));
  }
}
