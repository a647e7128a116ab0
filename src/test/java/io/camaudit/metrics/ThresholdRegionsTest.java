package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRegionsTest {

  @Test
  void separateBlobsAreRegionsWithBoxesSizesAndEnergyShares() {
    FloatMap map = Maps.zeros(6, 8);
    Maps.fill(map, 1, 1, 3, 4, 1); // 2 x 3 block, energy 6 (one pixel raised below)
    Maps.set(map, 2, 3, 2); // energy 7
    Maps.fill(map, 6, 4, 7, 6, 1.5f); // 1 x 2 column, energy 3
    List<Region> regions = ThresholdRegions.of(map, 0.1);
    assertEquals(
        List.of(
            new Region(new Box(1, 1, 3, 4, null), 6, 0.7),
            new Region(new Box(6, 4, 7, 6, null), 2, 0.3)),
        regions.stream().map(ThresholdRegionsTest::rounded).toList());
    assertEquals(1.0, regions.get(0).energyShare() + regions.get(1).energyShare(), 1e-12);
  }

  @Test
  void diagonalNeighboursJoinInBothDirections() {
    FloatMap map = Maps.zeros(5, 5);
    for (int i = 0; i < 3; i++) {
      Maps.set(map, i, i, 1); // down-right: (0,0) (1,1) (2,2)
      Maps.set(map, 4 - i, 2 + i, 1); // down-left from (4,2): (4,2) (3,3) (2,4)
    }
    List<Region> regions = ThresholdRegions.of(map, 0.5);
    assertEquals(1, regions.size());
    assertEquals(new Box(0, 0, 5, 5, null), regions.get(0).box());
    assertEquals(6, regions.get(0).pixels());
  }

  @Test
  void fillReachesArmsThatOnlyJoinFurtherDown() {
    // A "U": the right arm is met by the scan before the fill from the left arm gets there.
    FloatMap map = Maps.zeros(6, 6);
    Maps.fill(map, 0, 0, 1, 6, 1);
    Maps.fill(map, 5, 0, 6, 6, 1);
    Maps.fill(map, 0, 5, 6, 6, 1);
    List<Region> regions = ThresholdRegions.of(map, 1);
    assertEquals(List.of(new Region(new Box(0, 0, 6, 6, null), 16, 1.0)), regions);
  }

  @Test
  void largestComesFirstAndEqualSizesKeepScanOrder() {
    FloatMap map = Maps.zeros(6, 9);
    Maps.fill(map, 6, 0, 8, 1, 1); // 2 px, met first
    Maps.fill(map, 0, 2, 2, 3, 1); // 2 px, met second
    Maps.fill(map, 3, 4, 6, 6, 1); // 6 px, met last
    List<Box> boxes = ThresholdRegions.of(map, 0.5).stream().map(Region::box).toList();
    assertEquals(
        List.of(new Box(3, 4, 6, 6, null), new Box(6, 0, 8, 1, null), new Box(0, 2, 2, 3, null)),
        boxes);
  }

  @Test
  void thresholdIsRelativeToTheMaximumAndInclusive() {
    FloatMap map = Maps.set(Maps.set(Maps.zeros(1, 5), 0, 0, 4), 4, 0, 2);
    assertEquals(2, ThresholdRegions.of(map, 0.5).size());
    assertEquals(1, ThresholdRegions.of(map, 0.51).size());
    assertEquals(1, ThresholdRegions.of(map, 1).size());
  }

  @Test
  void mapWithoutEnergyHasNoRegions() {
    assertTrue(ThresholdRegions.of(Maps.zeros(4, 4), 0.5).isEmpty());
  }

  @Test
  void largeRegionsNeedNoRecursion() {
    FloatMap map = Maps.fill(Maps.zeros(2000, 2000), 0, 0, 2000, 2000, 1);
    Region region = ThresholdRegions.of(map, 0.5).stream().findFirst().orElseThrow();
    assertEquals(4_000_000, region.pixels());
    assertEquals(new Box(0, 0, 2000, 2000, null), region.box());
  }

  @Test
  void rejectsThresholdsOutsideZeroToOne() {
    FloatMap map = Maps.set(Maps.zeros(2, 2), 0, 0, 1);
    for (double tau : new double[] {0, -0.1, 1.01, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ThresholdRegions.of(map, tau));
      assertTrue(e.getMessage().contains("0 < tau <= 1"), e.getMessage());
    }
  }

  private static Region rounded(Region region) {
    return new Region(region.box(), region.pixels(), Math.round(region.energyShare() * 1e9) / 1e9);
  }
}
