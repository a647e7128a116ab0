package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointingGameTest {

  /** Box whose left edge is at x = 40.5: its first pixel column is 40 (centre 40.5). */
  private static final Box BOX = new Box(40.5, 40, 60, 60, "cat");

  private static FloatMap peakAt(int x, int y) {
    return Maps.set(Maps.fill(Maps.zeros(80, 80), 0, 0, 80, 80, 0.2f), x, y, 1);
  }

  @Test
  void peakInsideTheBoxHits() {
    assertEquals(new PointingResult(true, 50, 45), PointingGame.play(peakAt(50, 45), List.of(BOX)));
  }

  @Test
  void peakWithinTheToleranceHitsAndBeyondItMisses() {
    assertTrue(PointingGame.play(peakAt(30, 50), List.of(BOX)).hit()); // 10 px left
    assertFalse(PointingGame.play(peakAt(20, 50), List.of(BOX)).hit()); // 20 px left
    assertTrue(PointingGame.play(peakAt(20, 50), List.of(BOX), 21).hit());
    assertFalse(PointingGame.play(peakAt(20, 50), List.of(BOX), 20).hit(), "strictly within");
    assertFalse(PointingGame.play(peakAt(50, 50), List.of(BOX), 0).hit(), "as the reference");
  }

  @Test
  void distanceToACornerIsEuclidean() {
    // The box's corner pixel is (40, 40): 9 and 11 pixels away, 14.2 px.
    assertTrue(PointingGame.play(peakAt(31, 29), List.of(BOX)).hit());
    // 9 and 12 pixels: exactly 15, not strictly within.
    assertFalse(PointingGame.play(peakAt(31, 28), List.of(BOX)).hit());
    // 12 and 12 pixels, each within 15 but 17 px away.
    assertFalse(PointingGame.play(peakAt(28, 28), List.of(BOX)).hit());
  }

  @Test
  void aBoxWithoutAPixelCentreIsNoTarget() {
    assertFalse(
        PointingGame.play(peakAt(50, 50), List.of(new Box(50.6, 50, 51.4, 51, null))).hit());
  }

  @Test
  void anyBoxCanBeHit() {
    Box far = new Box(0, 0, 5, 5, "cat");
    assertTrue(PointingGame.play(peakAt(50, 50), List.of(far, BOX)).hit());
    assertFalse(PointingGame.play(peakAt(50, 50), List.of(far)).hit());
  }

  @Test
  void tiesGoToTheFirstMaximumInRowMajorOrder() {
    FloatMap map = Maps.set(Maps.set(Maps.zeros(10, 10), 1, 3, 5), 5, 2, 5);
    PointingResult result = PointingGame.play(map, List.of(new Box(0, 3, 2, 4, null)), 0);
    assertEquals(new PointingResult(false, 5, 2), result);
  }

  @Test
  void rejectsMissingBoxesAndBadTolerances() {
    FloatMap map = peakAt(1, 1);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PointingGame.play(map, List.of()))
            .getMessage()
            .contains("at least one box"));
    assertThrows(IllegalArgumentException.class, () -> PointingGame.play(map, List.of(BOX), -1));
    assertThrows(
        IllegalArgumentException.class, () -> PointingGame.play(map, List.of(BOX), Double.NaN));
  }
}
