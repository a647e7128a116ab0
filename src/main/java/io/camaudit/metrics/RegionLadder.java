package io.camaudit.metrics;

import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import java.util.Arrays;
import java.util.List;

/**
 * A map's connected regions ({@link ThresholdRegions}) at each threshold of a grid, computed once
 * and shared by everything measured from them: weakly supervised boxes, the CAM box and the
 * localisation trace.
 *
 * @param taus the thresholds, relative to the map's maximum
 * @param regions per threshold, the regions, largest first
 */
public record RegionLadder(double[] taus, List<List<Region>> regions) {

  /** Computes the regions of {@code map} (at image resolution) at each of {@code taus}. */
  public static RegionLadder of(FloatMap map, double[] taus) {
    return of(new ThresholdRegions(map), taus);
  }

  /**
   * Computes the regions of {@code gridMap}, a picture sampled on {@code grid}, at each of {@code
   * taus}, relative to {@code max}, the picture's maximum.
   */
  public static RegionLadder of(FloatMap gridMap, MetricsGrid grid, double max, double[] taus) {
    return of(new ThresholdRegions(gridMap, grid, max), taus);
  }

  private static RegionLadder of(ThresholdRegions finder, double[] taus) {
    return new RegionLadder(taus.clone(), List.copyOf(finder.ladder(taus)));
  }

  /**
   * The regions at {@code tau}, which must be one of the grid's thresholds.
   *
   * @throws IllegalArgumentException when {@code tau} is not in the grid
   */
  public List<Region> at(double tau) {
    for (int t = 0; t < taus.length; t++) {
      if (taus[t] == tau) {
        return regions.get(t);
      }
    }
    throw new IllegalArgumentException(
        "Threshold " + tau + " is not in the grid " + Arrays.toString(taus));
  }
}
