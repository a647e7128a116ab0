package io.camaudit.metrics;

import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The connected regions of a thresholded map: for a relative threshold {@code tau} in (0, 1], the
 * 8-connected components of the pixels whose value is at least {@code tau * max} (computed in
 * double precision). A map whose maximum is 0 has no regions.
 *
 * <p>The map may be a picture sampled on a {@link MetricsGrid} coarser than the image: its cells
 * are then labelled, a region's box covers its cells in original pixel coordinates, its pixel
 * count is its cells' area in original pixels, rounded, and {@code max} is the picture's maximum
 * at full resolution.
 *
 * <p>Regions come largest first (by pixel count); equal sizes keep the order in which a row-major
 * scan meets their first pixel. Labelling is an iterative flood fill over flat arrays: O(pixels)
 * time per threshold and no per-pixel allocation. An instance labels one map at any number of
 * thresholds, reusing its working arrays; it is not thread-safe.
 */
public final class ThresholdRegions {

  private static final Comparator<Region> LARGEST_FIRST =
      Comparator.comparingInt(Region::pixels).reversed();

  private final FloatMap map;
  private final MetricsGrid grid;
  private final double max;
  private final double sum;
  private final boolean[] seen;
  private final int[] stack;

  /** Prepares to label {@code map} (non-negative, at image resolution). */
  ThresholdRegions(FloatMap map) {
    this(map, MetricsGrid.full(map.width(), map.height()), map.max());
  }

  /**
   * Prepares to label {@code gridMap}, a picture sampled on {@code grid}, with thresholds
   * relative to {@code max}, the picture's maximum.
   */
  ThresholdRegions(FloatMap gridMap, MetricsGrid grid, double max) {
    this.map = gridMap;
    this.grid = grid;
    this.max = max;
    this.sum = gridMap.sum();
    this.seen = new boolean[map.values().length];
    this.stack = new int[map.values().length];
  }

  /** The regions of {@code map} at relative threshold {@code tau}, largest first. */
  public static List<Region> of(FloatMap map, double tau) {
    return new ThresholdRegions(map).at(tau);
  }

  /** The regions at relative threshold {@code tau}, largest first. */
  List<Region> at(double tau) {
    checkTau(tau);
    List<Region> regions = new ArrayList<>();
    if (max <= 0) {
      return regions;
    }
    double cutoff = tau * max;
    float[] values = map.values();
    Arrays.fill(seen, false);
    for (int i = 0; i < values.length; i++) {
      if (!seen[i] && values[i] >= cutoff) {
        regions.add(fill(i, cutoff));
      }
    }
    regions.sort(LARGEST_FIRST); // stable: ties stay in discovery order
    return regions;
  }

  /** Checks that {@code tau} is a relative threshold in (0, 1]. */
  static void checkTau(double tau) {
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("Invalid threshold tau (expected 0 < tau <= 1): " + tau);
    }
  }

  /** Floods the region of pixel {@code start}, marking its pixels seen. */
  private Region fill(int start, double cutoff) {
    float[] values = map.values();
    int width = map.width();
    int height = map.height();
    int minX = width;
    int minY = height;
    int maxX = -1;
    int maxY = -1;
    int pixels = 0;
    double energy = 0;
    int top = 0;
    stack[top++] = start;
    seen[start] = true;
    while (top > 0) {
      int i = stack[--top];
      int y = i / width;
      int x = i - y * width;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      pixels++;
      energy += values[i];
      for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
        for (int nx = Math.max(x - 1, 0); nx <= Math.min(x + 1, width - 1); nx++) {
          int j = ny * width + nx;
          if (!seen[j] && values[j] >= cutoff) {
            seen[j] = true;
            stack[top++] = j;
          }
        }
      }
    }
    int area = (int) Math.round(pixels * grid.cellWidth() * grid.cellHeight());
    return new Region(grid.toImage(minX, minY, maxX + 1, maxY + 1), area, energy / sum);
  }
}
