package io.camaudit.image;

import java.util.Arrays;

/**
 * A single-channel map of floats, row-major: the value at row {@code y}, column {@code x} is {@code
 * values[y * width + x]}.
 *
 * <p>The array is owned by the map once constructed; callers must not change it afterwards.
 *
 * @param height rows, {@code > 0}
 * @param width columns, {@code > 0}
 * @param values {@code height * width} values
 */
public record FloatMap(int height, int width, float[] values) {

  /**
   * The share of its maximum from which a map's value counts as hot: where the map points ({@code
   * LayerTrace.hotRegionFeatures}, {@code HotEnergy}).
   */
  public static final float HOT_FRACTION = 0.5f;

  /** Checks the dimensions against the array length. */
  public FloatMap {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "Invalid map size (expected positive height and width): " + height + "x" + width);
    }
    if (values.length != height * width) {
      throw new IllegalArgumentException(
          "Invalid map: " + values.length + " values for " + height + "x" + width);
    }
  }

  /** Value at row {@code y}, column {@code x}. */
  public float get(int y, int x) {
    return values[y * width + x];
  }

  /** The largest value (0 for a map of zeros). */
  public float max() {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  /** The sum of all values, accumulated in double precision. */
  public double sum() {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FloatMap map
        && map.height == height
        && map.width == width
        && Arrays.equals(map.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FloatMap[" + height + "x" + width + ", max=" + max() + "]";
  }
}
