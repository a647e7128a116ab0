package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class CamBoxTest {

  /** A strong 3 x 3 blob at columns/rows 10..12 in a faint halo at 10% of its value. */
  private static FloatMap blobInHalo() {
    FloatMap map = Maps.fill(Maps.zeros(30, 30), 2, 4, 25, 28, 0.1f);
    return Maps.fill(map, 10, 10, 13, 13, 1);
  }

  @Test
  void faintHaloBelowFifteenPercentIsLeftOut() {
    Box truth = new Box(10, 10, 14, 13, "dog");
    CamBox camBox = CamBox.of(blobInHalo(), List.of(truth)).orElseThrow();
    assertEquals(new Box(10, 10, 13, 13, null), camBox.box());
    assertEquals(0.75, camBox.iou(), 1e-15);
  }

  @Test
  void lowerThresholdTakesInTheHalo() {
    CamBox camBox =
        CamBox.of(blobInHalo(), List.of(new Box(2, 4, 25, 28, null)), 0.05).orElseThrow();
    assertEquals(new Box(2, 4, 25, 28, null), camBox.box());
    assertEquals(1.0, camBox.iou(), 1e-15);
  }

  @Test
  void largestRegionWinsOverTheOneHoldingTheMaximum() {
    FloatMap map = Maps.set(Maps.fill(Maps.zeros(20, 20), 5, 5, 9, 8, 0.5f), 18, 1, 1);
    assertEquals(new Box(5, 5, 9, 8, null), CamBox.of(map, List.of()).orElseThrow().box());
  }

  @Test
  void iouIsUndefinedWithoutTruthsAndMapsWithoutEnergyHaveNoBox() {
    assertTrue(Double.isNaN(CamBox.of(blobInHalo(), List.of()).orElseThrow().iou()));
    assertTrue(CamBox.of(Maps.zeros(5, 5), List.of(new Box(0, 0, 1, 1, null))).isEmpty());
  }
}
