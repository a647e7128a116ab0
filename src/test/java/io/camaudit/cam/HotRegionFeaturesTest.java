package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camaudit.image.FloatMap;
import org.junit.jupiter.api.Test;

class HotRegionFeaturesTest {

  // Two channels on a 2x2 map: channel 0 is 1, 2, 3, 4; channel 1 is 10 everywhere but 0 at (1, 1).
  private final LayerTrace trace =
      Traces.of(2, 2, new float[][] {{1, 2, 3, 4}, {10, 10, 10, 0}}, null);

  @Test
  void averagesEachChannelWithTheMapsWeightsWhereTheMapReachesHalfItsMaximum() {
    // Hot: 4 and 3 (>= 2), weights 4 and 3; the 1 at (0, 0) and the 0 are not.
    FloatMap map = new FloatMap(2, 2, new float[] {1, 0, 3, 4});
    assertArrayEquals(
        new float[] {(3 * 3 + 4 * 4) / 7f, (3 * 10 + 4 * 0) / 7f},
        trace.hotRegionFeatures(map),
        1e-6f);
  }

  @Test
  void aMapWithoutEnergyGivesThePlainMean() {
    assertArrayEquals(
        new float[] {2.5f, 7.5f}, trace.hotRegionFeatures(new FloatMap(2, 2, new float[4])), 1e-6f);
  }

  @Test
  void refusesAMapOfAnotherSize() {
    assertThrows(
        IllegalArgumentException.class,
        () -> trace.hotRegionFeatures(new FloatMap(1, 4, new float[4])));
  }
}
