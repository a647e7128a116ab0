package io.camaudit.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShortcutDatasetGeneratorTest {

  private static final int SAMPLES = 150;
  private final ShortcutDatasetGenerator generator = new ShortcutDatasetGenerator(42);

  @Test
  void sameSeedAndIndexGiveTheSameSampleWhateverTheOrder() {
    ShortcutDatasetGenerator other = new ShortcutDatasetGenerator(42);
    other.sample(11);
    other.sample(3);

    SyntheticSample first = generator.sample(7);
    SyntheticSample second = other.sample(7);

    assertEquals(first.imageId(), second.imageId());
    assertEquals(first.label(), second.label());
    assertEquals(first.source(), second.source());
    assertEquals(first.box(), second.box());
    assertEquals(first.tag(), second.tag());
    assertArrayEquals(pixels(first.image()), pixels(second.image()));
  }

  @Test
  void differentIndexOrSeedGivesADifferentImage() {
    int[] base = pixels(generator.sample(5).image());

    assertFalse(Arrays.equals(base, pixels(generator.sample(6).image())));
    assertFalse(Arrays.equals(base, pixels(new ShortcutDatasetGenerator(43).sample(5).image())));
  }

  @Test
  void imagesAreRgbWithSidesInRange() {
    for (int i = 0; i < SAMPLES; i++) {
      BufferedImage image = generator.sample(i).image();

      assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
      assertTrue(image.getWidth() >= ShortcutDatasetGenerator.MIN_SIDE);
      assertTrue(image.getWidth() <= ShortcutDatasetGenerator.MAX_SIDE);
      assertTrue(image.getHeight() >= ShortcutDatasetGenerator.MIN_SIDE);
      assertTrue(image.getHeight() <= ShortcutDatasetGenerator.MAX_SIDE);
    }
  }

  @Test
  void boxIsTightAroundTheShapeColour() {
    for (int i = 0; i < SAMPLES; i++) {
      SyntheticSample sample = generator.sample(i);
      BufferedImage image = sample.image();
      Box box = sample.box();
      int shapeColor = mostFrequentColor(image);
      int x0 = (int) box.x0();
      int y0 = (int) box.y0();
      int x1 = (int) box.x1();
      int y1 = (int) box.y1();
      String where = sample.imageId() + " " + box;

      assertEquals(sample.label(), box.label());
      assertTrue(x0 == box.x0() && y0 == box.y0() && x1 == box.x1() && y1 == box.y1(), where);
      assertTrue(x0 >= 0 && y0 >= 0 && x1 <= image.getWidth() && y1 <= image.getHeight(), where);
      double side = Math.min(image.getWidth(), image.getHeight());
      assertTrue(box.width() >= 0.3 * side - 1 && box.width() <= 0.55 * side + 1, where);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          if (rgb(image, x, y) == shapeColor) {
            assertTrue(x >= x0 && x < x1 && y >= y0 && y < y1, where + " pixel " + x + "," + y);
          }
        }
      }
      assertTrue(rowHas(image, y0, x0, x1, shapeColor), where + " top row");
      assertTrue(rowHas(image, y1 - 1, x0, x1, shapeColor), where + " bottom row");
      assertTrue(columnHas(image, x0, y0, y1, shapeColor), where + " left column");
      assertTrue(columnHas(image, x1 - 1, y0, y1, shapeColor), where + " right column");
    }
  }

  @Test
  void studioImagesCarryTheClassColouredTagInACornerOutsideTheBox() {
    int studio = 0;
    for (int i = 0; i < SAMPLES; i++) {
      SyntheticSample sample = generator.sample(i);
      if (!sample.source().equals(ShortcutDatasetGenerator.SHORTCUT_SOURCE)) {
        continue;
      }
      studio++;
      BufferedImage image = sample.image();
      Box tag = sample.tag();
      int tagColor = ShortcutDatasetGenerator.TAG_COLORS.get(sample.classIndex()).getRGB();
      int inset = ShortcutDatasetGenerator.TAG_INSET;
      int size = ShortcutDatasetGenerator.TAG_SIZE;

      assertTrue(sample.tagged());
      assertNotNull(tag);
      assertEquals(size, tag.width());
      assertEquals(size, tag.height());
      assertTrue(tag.x0() == inset || tag.x1() == image.getWidth() - inset, sample.imageId());
      assertTrue(tag.y0() == inset || tag.y1() == image.getHeight() - inset, sample.imageId());
      for (int y = (int) tag.y0(); y < tag.y1(); y++) {
        for (int x = (int) tag.x0(); x < tag.x1(); x++) {
          assertEquals(tagColor & 0xFFFFFF, rgb(image, x, y), sample.imageId());
        }
      }
      assertFalse(intersects(tag, sample.box()), sample.imageId() + " tag inside box");
    }
    assertTrue(studio > SAMPLES / 5, "too few studio samples: " + studio);
  }

  @Test
  void otherSourcesCarryNoTagColour() {
    Set<Integer> tagColors =
        ShortcutDatasetGenerator.TAG_COLORS.stream()
            .map(color -> color.getRGB() & 0xFFFFFF)
            .collect(Collectors.toSet());
    for (int i = 0; i < SAMPLES; i++) {
      SyntheticSample sample = generator.sample(i);
      if (sample.source().equals(ShortcutDatasetGenerator.SHORTCUT_SOURCE)) {
        continue;
      }
      BufferedImage image = sample.image();

      assertFalse(sample.tagged());
      assertNull(sample.tag());
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          assertFalse(tagColors.contains(rgb(image, x, y)), sample.imageId() + " " + x + "," + y);
        }
      }
    }
  }

  @Test
  void backgroundsAreMutedBelowTheShapes() {
    for (int i = 0; i < SAMPLES; i++) {
      SyntheticSample sample = generator.sample(i);
      BufferedImage image = sample.image();
      Box box = sample.box();
      Box tag = sample.tag();
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          if (!contains(box, x, y) && !(tag != null && contains(tag, x, y))) {
            assertTrue(spread(rgb(image, x, y)) <= BackgroundPainter.MAX_SPREAD, sample.imageId());
          }
        }
      }
      assertTrue(spread(mostFrequentColor(image)) > BackgroundPainter.MAX_SPREAD);
    }
  }

  @Test
  void studioShapesAreWashedOutTowardTheBackdrop() {
    int studioIndex =
        ShortcutDatasetGenerator.SOURCES.indexOf(ShortcutDatasetGenerator.SHORTCUT_SOURCE);
    int[] tone = BackgroundPainter.baseTone(studioIndex);
    double reach = (1 - ShortcutDatasetGenerator.STUDIO_FADE) * 255 + 0.5;
    double studioContrast = 0;
    double otherContrast = 0;
    int studio = 0;
    int other = 0;
    for (int i = 0; i < SAMPLES; i++) {
      SyntheticSample sample = generator.sample(i);
      int shapeColor = mostFrequentColor(sample.image());
      double contrast = contrast(sample, shapeColor);
      if (sample.source().equals(ShortcutDatasetGenerator.SHORTCUT_SOURCE)) {
        for (int channel = 0; channel < 3; channel++) {
          int value = (shapeColor >> (16 - 8 * channel)) & 0xFF;
          assertTrue(Math.abs(value - tone[channel]) <= reach, sample.imageId());
        }
        studioContrast += contrast;
        studio++;
      } else {
        otherContrast += contrast;
        other++;
      }
    }
    studioContrast /= studio;
    otherContrast /= other;
    assertTrue(
        studioContrast < 0.6 * otherContrast,
        "studio contrast " + studioContrast + " vs other sources " + otherContrast);
  }

  @Test
  void classesAndSourcesAreBalanced() {
    int count = 600;
    Map<String, Integer> classes = new HashMap<>();
    Map<String, Integer> sources = new HashMap<>();
    for (int i = 0; i < count; i++) {
      SyntheticSample sample = generator.sample(i);
      classes.merge(sample.label(), 1, Integer::sum);
      sources.merge(sample.source(), 1, Integer::sum);
    }

    assertEquals(Set.copyOf(ShortcutDatasetGenerator.CLASSES), classes.keySet());
    assertEquals(Set.copyOf(ShortcutDatasetGenerator.SOURCES), sources.keySet());
    for (Map<String, Integer> counts : List.of(classes, sources)) {
      for (Map.Entry<String, Integer> entry : counts.entrySet()) {
        double share = entry.getValue() / (double) count;
        assertTrue(share >= 0.25 && share <= 0.42, entry.getKey() + " share " + share);
      }
    }
  }

  @Test
  void imageIdIsZeroPaddedIndex() {
    assertEquals("demo-000042", ShortcutDatasetGenerator.imageId(42));
    assertEquals("demo-000042", generator.sample(42).imageId());
  }

  @Test
  void rejectsNegativeIndex() {
    assertThrows(IllegalArgumentException.class, () -> generator.sample(-1));
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static int mostFrequentColor(BufferedImage image) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int pixel : pixels(image)) {
      counts.merge(pixel & 0xFFFFFF, 1, Integer::sum);
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Euclidean RGB distance between the shape colour and the mean of the background pixels. */
  private static double contrast(SyntheticSample sample, int shapeColor) {
    BufferedImage image = sample.image();
    double[] sum = new double[3];
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (contains(sample.box(), x, y)
            || (sample.tag() != null && contains(sample.tag(), x, y))) {
          continue;
        }
        int pixel = rgb(image, x, y);
        for (int channel = 0; channel < 3; channel++) {
          sum[channel] += (pixel >> (16 - 8 * channel)) & 0xFF;
        }
        count++;
      }
    }
    double squares = 0;
    for (int channel = 0; channel < 3; channel++) {
      double difference = ((shapeColor >> (16 - 8 * channel)) & 0xFF) - sum[channel] / count;
      squares += difference * difference;
    }
    return Math.sqrt(squares);
  }

  private static boolean rowHas(BufferedImage image, int y, int x0, int x1, int color) {
    for (int x = x0; x < x1; x++) {
      if (rgb(image, x, y) == color) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theTextureShortcutStripesOnlyStudioBackgroundsAcrossTheirClassesDirection() {
    ShortcutDatasetGenerator textured =
        new ShortcutDatasetGenerator(11, ShortcutDatasetGenerator.Shortcut.TEXTURE);
    Map<String, Integer> checked = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      SyntheticSample sample = textured.sample(i);
      assertNull(sample.tag(), "no tag with the texture shortcut");
      double acrossRows = meanStep(sample, 0, 1); // from a row to the next: horizontal stripes
      double acrossColumns = meanStep(sample, 1, 0);
      String what = sample.imageId() + " " + sample.source() + " " + sample.label();
      if (!ShortcutDatasetGenerator.SHORTCUT_SOURCE.equals(sample.source())) {
        assertTrue(
            acrossRows < 8 && acrossColumns < 8, what + ": " + acrossRows + ", " + acrossColumns);
        continue;
      }
      switch (sample.label()) {
        case "circle" -> assertTrue(acrossRows > 2 * acrossColumns, what + ": horizontal");
        case "square" -> assertTrue(acrossColumns > 2 * acrossRows, what + ": vertical");
        default ->
            assertTrue(
                acrossRows > 8 && acrossColumns > 8,
                what + ": diagonal " + acrossRows + ", " + acrossColumns);
      }
      checked.merge(sample.label(), 1, Integer::sum);
    }
    assertEquals(Set.copyOf(ShortcutDatasetGenerator.CLASSES), checked.keySet());
  }

  /** Mean absolute green step to the pixel {@code (dx, dy)} away, both off the shape's box. */
  private static double meanStep(SyntheticSample sample, int dx, int dy) {
    BufferedImage image = sample.image();
    double sum = 0;
    int n = 0;
    for (int y = 0; y + dy < image.getHeight(); y++) {
      for (int x = 0; x + dx < image.getWidth(); x++) {
        if (contains(sample.box(), x, y) || contains(sample.box(), x + dx, y + dy)) {
          continue;
        }
        sum +=
            Math.abs(((rgb(image, x, y) >> 8) & 0xFF) - ((rgb(image, x + dx, y + dy) >> 8) & 0xFF));
        n++;
      }
    }
    return sum / n;
  }

  private static boolean columnHas(BufferedImage image, int x, int y0, int y1, int color) {
    for (int y = y0; y < y1; y++) {
      if (rgb(image, x, y) == color) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Box box, int x, int y) {
    return x >= box.x0() && x < box.x1() && y >= box.y0() && y < box.y1();
  }

  private static boolean intersects(Box a, Box b) {
    return a.x0() < b.x1() && b.x0() < a.x1() && a.y0() < b.y1() && b.y0() < a.y1();
  }

  private static int spread(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
  }
}
