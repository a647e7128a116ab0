package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;

/**
 * How much of a heatmap's energy lies inside the union of an image's boxes: the energy-based
 * pointing game of Score-CAM (Wang et al., CVPR-W 2020), on the raw (non-negative, not
 * min-max-normalised) map at image resolution. A pixel is inside when its centre is
 * ({@link Box}).
 *
 * @param energyIn sum of the map over pixels inside at least one box
 * @param energyTotal sum of the map over all pixels
 * @param boxAreaFraction pixels inside at least one box over all pixels
 */
public record BoxEnergy(double energyIn, double energyTotal, double boxAreaFraction) {

  /** Measures {@code map} (at image resolution) against {@code boxes} (may be empty). */
  public static BoxEnergy of(FloatMap map, List<Box> boxes) {
    boolean[] inside = BoxMask.union(boxes, map.height(), map.width());
    double in = 0;
    double total = 0;
    int insideCount = 0;
    float[] values = map.values();
    for (int i = 0; i < values.length; i++) {
      total += values[i];
      if (inside[i]) {
        in += values[i];
        insideCount++;
      }
    }
    return new BoxEnergy(in, total, (double) insideCount / values.length);
  }

  /** {@code energyIn / energyTotal}; NaN for a map with no energy. */
  public double inFraction() {
    return energyTotal > 0 ? energyIn / energyTotal : Double.NaN;
  }

  /**
   * {@code inFraction / boxAreaFraction}: 1 means the map is no more concentrated on the boxes
   * than a uniform map; NaN without boxes or energy.
   */
  public double lift() {
    return boxAreaFraction > 0 ? inFraction() / boxAreaFraction : Double.NaN;
  }
}
