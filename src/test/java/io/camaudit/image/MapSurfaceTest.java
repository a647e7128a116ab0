package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MapSurface} against the picture made pixel by pixel ({@link FullResolution}): the same
 * values, rectangle sums to float rounding, and the same first maximum, for random maps over whole
 * images and centre-crop windows, plateaus and ties included.
 */
class MapSurfaceTest {

  private static final Random RANDOM = new Random(20261129);

  /** Image sizes and windows: whole images, and the centre crops of a 256/224 preprocessing. */
  private static final List<CropWindow> WINDOWS =
      List.of(
          CropWindow.whole(333, 251),
          CropWindow.whole(64, 64),
          CropWindow.whole(7, 7),
          new CropWindow(84.5, 0, 556.5, 472.5, 640, 480),
          new CropWindow(0, 94.7, 427, 521.3, 427, 640),
          new CropWindow(687.5, 0, 3312.5, 3000, 4000, 3000));

  @Test
  void samplingTheFullGridIsTheUpsampledPicture() {
    for (CropWindow window : WINDOWS) {
      FloatMap map = random(7, 7);
      FloatMap expected = FullResolution.project(map, window);
      FloatMap sampled =
          new MapSurface(map, window)
              .sample(MetricsGrid.full(window.imageWidth(), window.imageHeight()));
      assertArrayEquals(expected.values(), sampled.values(), window.toString());
    }
  }

  @Test
  void rectangleSumsAreThePixelSums() {
    for (CropWindow window : WINDOWS) {
      FloatMap map = random(7, 9);
      FloatMap full = FullResolution.project(map, window);
      MapSurface surface = new MapSurface(map, window);
      assertEquals(full.sum(), surface.sum(), 1e-6 * full.sum(), "whole image " + window);
      for (int k = 0; k < 20; k++) {
        int x0 = RANDOM.nextInt(window.imageWidth());
        int x1 = x0 + RANDOM.nextInt(window.imageWidth() - x0 + 1);
        int y0 = RANDOM.nextInt(window.imageHeight());
        int y1 = y0 + RANDOM.nextInt(window.imageHeight() - y0 + 1);
        double expected = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            expected += full.get(y, x);
          }
        }
        assertEquals(
            expected,
            surface.sum(x0, x1, y0, y1),
            1e-6 * full.sum() + 1e-9,
            window + " [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1 + ")");
      }
    }
  }

  @Test
  void thePeakIsTheFirstLargestPixel() {
    for (CropWindow window : WINDOWS) {
      for (FloatMap map : List.of(random(7, 7), random(14, 14), plateau(), ties(), zeros())) {
        FloatMap full = FullResolution.project(map, window);
        int first = 0;
        for (int i = 1; i < full.values().length; i++) {
          if (full.values()[i] > full.values()[first]) {
            first = i;
          }
        }
        MapSurface.Peak peak = new MapSurface(map, window).peak();
        assertEquals(
            List.of(first % full.width(), first / full.width(), full.values()[first]),
            List.of(peak.x(), peak.y(), peak.value()),
            window + " " + map);
      }
    }
  }

  private static FloatMap random(int height, int width) {
    float[] values = new float[height * width];
    for (int i = 0; i < values.length; i++) {
      values[i] = RANDOM.nextFloat() < 0.3f ? 0f : RANDOM.nextFloat();
    }
    return new FloatMap(height, width, values);
  }

  /** Four equal maxima side by side: a flat top, where every pixel between them ties. */
  private static FloatMap plateau() {
    FloatMap map = new FloatMap(7, 7, new float[49]);
    for (int y = 2; y < 4; y++) {
      for (int x = 3; x < 5; x++) {
        map.values()[y * 7 + x] = 0.8f;
      }
    }
    map.values()[0] = 0.3f;
    return map;
  }

  /** Two equal maxima far apart: the first in row-major order wins. */
  private static FloatMap ties() {
    FloatMap map = new FloatMap(7, 7, new float[49]);
    map.values()[5 * 7 + 1] = 1f;
    map.values()[1 * 7 + 5] = 1f;
    return map;
  }

  private static FloatMap zeros() {
    return new FloatMap(7, 7, new float[49]);
  }
}
