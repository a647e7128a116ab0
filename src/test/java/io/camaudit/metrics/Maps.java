package io.camaudit.metrics;

import io.camaudit.image.FloatMap;
import java.util.Arrays;

/** Hand-made maps for the metric tests. */
final class Maps {

  private Maps() {}

  /** A {@code height x width} map of zeros. */
  static FloatMap zeros(int height, int width) {
    return new FloatMap(height, width, new float[height * width]);
  }

  /** Sets columns {@code x0..x1-1} of rows {@code y0..y1-1} of {@code map} to {@code value}. */
  static FloatMap fill(FloatMap map, int x0, int y0, int x1, int y1, float value) {
    for (int y = y0; y < y1; y++) {
      Arrays.fill(map.values(), y * map.width() + x0, y * map.width() + x1, value);
    }
    return map;
  }

  /** Sets pixel (x, y) of {@code map} to {@code value}. */
  static FloatMap set(FloatMap map, int x, int y, float value) {
    map.values()[y * map.width() + x] = value;
    return map;
  }
}
