package io.camaudit.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG photographs at the sizes users have, made from the real photographs that Debian's {@code
 * python3-skimage} and {@code python3-sklearn} packages ship (nothing can be downloaded here): each
 * is a random crop of one of them (flipped at random), resized to the target size, with a little
 * sensor-like noise so that an upscaled photograph still has the detail, and the compressed size,
 * of a camera's, then saved at JPEG quality 0.9. A manifest lists them, each labelled {@code
 * class-0} with one box of that class around its central part, so that every metric is measured.
 */
final class PhotoSet {

  /** Where the Debian packages put their photographs. */
  static final List<Path> SOURCES =
      List.of(
          Path.of("/usr/lib/python3/dist-packages/skimage/data/astronaut.png"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/chelsea.png"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/coffee.png"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/motorcycle_left.png"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/motorcycle_right.png"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/hubble_deep_field.jpg"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/retina.jpg"),
          Path.of("/usr/lib/python3/dist-packages/skimage/data/rocket.jpg"),
          Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg"),
          Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg"));

  /** The label of every photograph and of its box. */
  static final String LABEL = "class-0";

  private static final int NOISE_TILE = 509;

  private PhotoSet() {}

  /** Whether the source photographs are installed. */
  static boolean available() {
    return SOURCES.stream().allMatch(Files::isRegularFile);
  }

  /**
   * {@code count} photographs of {@code width × height} in {@code dir} with their manifest, made
   * unless already there; returns the manifest.
   */
  static Path make(Path dir, int count, int width, int height) throws IOException {
    Path manifest = dir.resolve("manifest.jsonl");
    if (Files.isRegularFile(manifest) && Files.readAllLines(manifest).size() == count) {
      return manifest;
    }
    Files.createDirectories(dir);
    List<BufferedImage> sources = new ArrayList<>();
    for (Path source : SOURCES) {
      sources.add(toRgb(ImageIO.read(source.toFile())));
    }
    Random random = new Random(31L * width + height);
    float[] noise = new float[NOISE_TILE * NOISE_TILE];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (random.nextGaussian() * 3);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format("photo-%05d.jpg", i);
      BufferedImage photo =
          photograph(sources.get(i % sources.size()), width, height, random, noise);
      write(photo, dir.resolve(name));
      lines.add(entry(name, width, height).toString());
    }
    Files.write(manifest, lines);
    return manifest;
  }

  private static BufferedImage photograph(
      BufferedImage source, int width, int height, Random random, float[] noise) {
    double aspect = (double) width / height;
    double scale = 0.7 + 0.3 * random.nextDouble();
    int cropW = (int) Math.min(source.getWidth(), Math.round(source.getHeight() * aspect));
    int cropH = (int) Math.round(cropW / aspect);
    cropW = (int) Math.max(8, cropW * scale);
    cropH = (int) Math.max(8, cropH * scale);
    int x = random.nextInt(source.getWidth() - cropW + 1);
    int y = random.nextInt(source.getHeight() - cropH + 1);
    boolean flip = random.nextBoolean();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(
        source, flip ? width : 0, 0, flip ? 0 : width, height, x, y, x + cropW, y + cropH, null);
    g.dispose();
    int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    int offset = random.nextInt(noise.length);
    for (int i = 0; i < pixels.length; i++) {
      int n = Math.round(noise[(i + offset) % noise.length]);
      int p = pixels[i];
      pixels[i] =
          (clamp(((p >> 16) & 0xff) + n) << 16)
              | (clamp(((p >> 8) & 0xff) + n) << 8)
              | clamp((p & 0xff) + n);
    }
    return out;
  }

  private static JsonObject entry(String name, int width, int height) {
    JsonObject box = new JsonObject();
    box.addProperty("x0", width * 0.25);
    box.addProperty("y0", height * 0.2);
    box.addProperty("x1", width * 0.75);
    box.addProperty("y1", height * 0.8);
    box.addProperty("label", LABEL);
    JsonArray boxes = new JsonArray();
    boxes.add(box);
    JsonObject entry = new JsonObject();
    entry.addProperty("image_id", name);
    entry.addProperty("path", name);
    entry.addProperty("label", LABEL);
    entry.add("boxes", boxes);
    return entry;
  }

  private static void write(BufferedImage image, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  private static BufferedImage toRgb(BufferedImage image) {
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
