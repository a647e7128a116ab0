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

  /** Box whose left edge is at x = 40.5, so a peak pixel at column c has its centre 40 - c away. */
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
    assertTrue(PointingGame.play(peakAt(20, 50), List.of(BOX), 20).hit());
    assertFalse(PointingGame.play(peakAt(30, 50), List.of(BOX), 0).hit());
  }

  @Test
  void distanceToACornerIsEuclidean() {
    // Centre (31.5, 28.5): 9 px left of and 11.5 px above the corner (40.5, 40).
    assertTrue(PointingGame.play(peakAt(31, 28), List.of(BOX)).hit()); // 14.6 px
    // Centre (28.5, 28.5): 12 and 11.5 px, each within 15 but 16.6 px away.
    assertFalse(PointingGame.play(peakAt(28, 28), List.of(BOX)).hit());
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
