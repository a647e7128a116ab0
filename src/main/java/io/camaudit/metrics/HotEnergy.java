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
    double in = 0;
    double total = 0;
    for (int y = 0; y < grid.height(); y++) {
      double cy = (y + 0.5) * grid.cellHeight();
      for (int x = 0; x < grid.width(); x++) {
        float value = onGrid.get(y, x);
        if (value < floor) {
          continue;
        }
        total += value;
        double cx = (x + 0.5) * grid.cellWidth();
        if (boxes.stream()
            .anyMatch(b -> b.x0() <= cx && cx < b.x1() && b.y0() <= cy && cy < b.y1())) {
          in += value;
        }
      }
    }
    return total > 0 ? in / total : Double.NaN;
  }
}
