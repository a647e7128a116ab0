package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import java.util.List;

/**
 * How much of a heatmap's energy lies inside the union of an image's boxes: the energy-based
 * pointing game of Score-CAM (Wang et al., CVPR-W 2020), on the raw (non-negative, not
 * min-max-normalised) map at image resolution. A pixel is inside when its centre is ({@link Box}).
 * The sums are those of the map upsampled to every pixel, taken in closed form ({@link
 * MapSurface#sum}), so they cost the same for any image size.
 *
 * @param energyIn sum of the map over pixels inside at least one box
 * @param energyTotal sum of the map over all pixels
 * @param boxAreaFraction pixels inside at least one box over all pixels
 */
public record BoxEnergy(double energyIn, double energyTotal, double boxAreaFraction) {

  /** Measures {@code map} (at image resolution) against {@code boxes} (may be empty). */
  public static BoxEnergy of(FloatMap map, List<Box> boxes) {
    return of(MapSurface.ofImageMap(map), boxes);
  }

  /** Measures the picture {@code surface} against {@code boxes} (may be empty). */
  public static BoxEnergy of(MapSurface surface, List<Box> boxes) {
    BoxUnion union = BoxUnion.of(boxes, surface.width(), surface.height());
    double in = 0;
    for (int[] r : union.rectangles()) {
      in += surface.sum(r[0], r[1], r[2], r[3]);
    }
    return new BoxEnergy(
        in, surface.sum(), (double) union.pixels() / ((long) surface.width() * surface.height()));
  }

  /** {@code energyIn / energyTotal}; NaN for a map with no energy. */
  public double inFraction() {
    return energyTotal > 0 ? energyIn / energyTotal : Double.NaN;
  }

  /**
   * {@code inFraction / boxAreaFraction}: 1 means the map is no more concentrated on the boxes than
   * a uniform map; NaN without boxes or energy.
   */
  public double lift() {
    return boxAreaFraction > 0 ? inFraction() / boxAreaFraction : Double.NaN;
  }
}
