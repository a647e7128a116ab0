package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotEnergyTest {

  // A 4x4 grid over an 8x8 image: cell (x, y) covers pixels [2x, 2x + 2) x [2y, 2y + 2).
  private final MetricsGrid grid = new MetricsGrid(8, 8, 4, 4);

  @Test
  void weighsTheCellsAtOrAboveHalfThePeakByTheirValues() {
    float[] values = new float[16];
    values[0] = 4; // cell (0, 0), inside the box
    values[5] = 2; // cell (1, 1), centre (3, 3): inside
    values[15] = 3; // cell (3, 3), outside
    values[3] = 1.9f; // below half the peak: not hot, though outside
    Box box = new Box(0, 0, 4, 4, "object");
    double share = HotEnergy.inFraction(new FloatMap(4, 4, values), grid, 4, List.of(box));
    assertEquals(6 / 9.0, share, 1e-9);
  }

  @Test
  void aCellIsInsideWhenItsCentreIs() {
    float[] values = new float[16];
    values[1] = 1; // cell (1, 0): pixels 2..3, centre x = 3
    FloatMap map = new FloatMap(4, 4, values);
    assertEquals(1, HotEnergy.inFraction(map, grid, 1, List.of(new Box(2.9, 0, 8, 8, "a"))));
    assertEquals(0, HotEnergy.inFraction(map, grid, 1, List.of(new Box(3.1, 0, 8, 8, "a"))));
  }

  @Test
  void overlappingBoxesCountTheirCommonCellsOnce() {
    float[] values = new float[16];
    values[5] = 2; // cell (1, 1), centre (3, 3): inside both boxes
    values[10] = 2; // cell (2, 2), centre (5, 5): inside the second only
    values[15] = 4; // cell (3, 3), outside both
    List<Box> boxes = List.of(new Box(0, 0, 4, 4, "a"), new Box(2, 2, 6, 6, "b"));
    assertEquals(4 / 8.0, HotEnergy.inFraction(new FloatMap(4, 4, values), grid, 4, boxes), 1e-9);
  }

  @Test
  void aMapWithoutEnergyHasNoShare() {
    assertTrue(
        Double.isNaN(
            HotEnergy.inFraction(
                new FloatMap(4, 4, new float[16]), grid, 0, List.of(new Box(0, 0, 8, 8, "a")))));
  }
}
