package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxEnergyTest {

  private static FloatMap map(int h, int w, float fill) {
    float[] values = new float[h * w];
    java.util.Arrays.fill(values, fill);
    return new FloatMap(h, w, values);
  }

  @Test
  void mapEntirelyInsideTheBoxHasFractionOne() {
    FloatMap m = map(10, 10, 0);
    m.values()[3 * 10 + 4] = 2;
    m.values()[5 * 10 + 6] = 1;
    BoxEnergy e = BoxEnergy.of(m, List.of(new Box(4, 3, 7, 6, "x")));
    assertEquals(1.0, e.inFraction(), 1e-12);
    assertEquals(3.0, e.energyTotal(), 1e-12);
    assertEquals(0.09, e.boxAreaFraction(), 1e-12);
    assertEquals(1 / 0.09, e.lift(), 1e-9);
  }

  @Test
  void uniformMapHasLiftOne() {
    BoxEnergy e = BoxEnergy.of(map(8, 10, 0.5f), List.of(new Box(0, 0, 5, 4, null)));
    assertEquals(0.25, e.inFraction(), 1e-12);
    assertEquals(0.25, e.boxAreaFraction(), 1e-12);
    assertEquals(1.0, e.lift(), 1e-12);
  }

  @Test
  void overlappingBoxesCountPixelsOnceAndPixelCentresDecide() {
    // Boxes [0,4)x[0,2) and [2,6)x[0,2) overlap on columns 2..3; 0.4 px slivers do not reach
    // the next pixel's centre.
    BoxEnergy e =
        BoxEnergy.of(
            map(2, 10, 1), List.of(new Box(0, 0, 4.4, 2, null), new Box(2, 0, 6, 2, null)));
    assertEquals(12.0, e.energyIn(), 1e-12);
    assertEquals(0.6, e.boxAreaFraction(), 1e-12);
  }

  @Test
  void mapWithoutEnergyHasUndefinedFraction() {
    BoxEnergy e = BoxEnergy.of(map(4, 4, 0), List.of(new Box(0, 0, 2, 2, null)));
    assertTrue(Double.isNaN(e.inFraction()));
    assertTrue(Double.isNaN(e.lift()));
  }
}
