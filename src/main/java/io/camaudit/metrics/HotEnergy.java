package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import java.util.List;

/**
 * Where a heatmap is hot: the share of the energy of its cells at or above {@link
 * FloatMap#HOT_FRACTION} of its maximum that lies inside the union of the boxes (a cell is inside
 * when its centre is). A continuous pointing game: 1 when all of the hot region is on the boxes, 0
 * when none is, and unlike the peak's one position it moves little when a diffuse map's peak moves.
 */
public final class HotEnergy {

  private HotEnergy() {}

  /**
   * The hot region's share of energy inside {@code boxes}.
   *
   * @param onGrid the map sampled on {@code grid} (image orientation)
   * @param peak the map's maximum
   * @return the share in [0, 1]; NaN for a map without energy
   */
  public static double inFraction(FloatMap onGrid, MetricsGrid grid, double peak, List<Box> boxes) {
    if (!(peak > 0)) {
      return Double.NaN;
    }
    double floor = FloatMap.HOT_FRACTION * peak;
    double total = hotSum(onGrid, floor, 0, grid.width(), 0, grid.height());
    double in = 0;
    for (int[] r : BoxUnion.of(onGrid(boxes, grid), grid.width(), grid.height()).rectangles()) {
      in += hotSum(onGrid, floor, r[0], r[1], r[2], r[3]);
    }
    return total > 0 ? in / total : Double.NaN;
  }

  /** The sum of the cells at or above {@code floor} in columns [x0, x1) and rows [y0, y1). */
  private static double hotSum(FloatMap onGrid, double floor, int x0, int x1, int y0, int y1) {
    double sum = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        float value = onGrid.get(y, x);
        if (value >= floor) {
          sum += value;
        }
      }
    }
    return sum;
  }

  /** The boxes in grid cells, so that a cell is inside one when its centre is. */
  private static List<Box> onGrid(List<Box> boxes, MetricsGrid grid) {
    double cw = grid.cellWidth();
    double ch = grid.cellHeight();
    return boxes.stream()
        .map(b -> new Box(b.x0() / cw, b.y0() / ch, b.x1() / cw, b.y1() / ch, b.label()))
        .toList();
  }
}
