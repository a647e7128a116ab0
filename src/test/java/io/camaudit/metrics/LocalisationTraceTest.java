package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalisationTraceTest {

  static final double[] TAUS = {0.25, 0.5, 0.75};

  /** GT (0,0,4,4); a block on it in a halo below it: the halo doubles the box at tau 0.25. */
  static final FloatMap IMAGE_A =
      Maps.fill(Maps.fill(Maps.zeros(10, 10), 0, 4, 4, 8, 0.4f), 0, 0, 4, 4, 1);

  static final List<Box> TRUTHS_A = List.of(new Box(0, 0, 4, 4, "a"));

  /** GT (0,0,2,4) over a hot 2 x 2 blob; a larger, cooler 3 x 3 blob elsewhere. */
  static final FloatMap IMAGE_B =
      Maps.fill(Maps.fill(Maps.zeros(10, 10), 0, 0, 2, 2, 1), 5, 5, 8, 8, 0.6f);

  static final List<Box> TRUTHS_B = List.of(new Box(0, 0, 2, 4, "b"));

  /** GT (0,0,4,4) exactly under a 0.6 block; the maximum is one stray pixel far away. */
  static final FloatMap IMAGE_C =
      Maps.set(Maps.fill(Maps.zeros(10, 10), 0, 0, 4, 4, 0.6f), 9, 9, 1);

  static final List<Box> TRUTHS_C = List.of(new Box(0, 0, 4, 4, "c"), new Box(8, 0, 10, 2, "c"));

  @Test
  void haloWidensTheBoxAtLowThresholds() {
    LocalisationTrace trace = LocalisationTrace.of(IMAGE_A, TRUTHS_A, TAUS);
    assertArrayEquals(new double[] {0.5, 1, 1}, trace.iouLargest(), 1e-15);
    assertArrayEquals(new double[] {0.5, 1, 1}, trace.iouAny(), 1e-15);
  }

  @Test
  void anyRegionFindsTheObjectWhenTheLargestMissesIt() {
    LocalisationTrace trace = LocalisationTrace.of(IMAGE_B, TRUTHS_B, TAUS);
    assertArrayEquals(new double[] {0, 0, 0.5}, trace.iouLargest(), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, trace.iouAny(), 1e-15);
  }

  @Test
  void strayMaximumLeavesOnlyAMissAtHighThresholds() {
    LocalisationTrace trace = LocalisationTrace.of(IMAGE_C, TRUTHS_C, TAUS);
    assertArrayEquals(new double[] {1, 1, 0}, trace.iouLargest(), 1e-15);
    assertArrayEquals(new double[] {1, 1, 0}, trace.iouAny(), 1e-15);
  }

  @Test
  void mapWithoutEnergyScoresZero() {
    LocalisationTrace trace = LocalisationTrace.of(Maps.zeros(5, 5), TRUTHS_A, TAUS);
    assertArrayEquals(new double[3], trace.iouLargest());
    assertArrayEquals(new double[3], trace.iouAny());
  }

  @Test
  void rejectsMissingTruthsBadThresholdsAndMismatchedArrays() {
    assertThrows(
        IllegalArgumentException.class, () -> LocalisationTrace.of(IMAGE_A, List.of(), TAUS));
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalisationTrace.of(IMAGE_A, TRUTHS_A, new double[] {0.5, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> new LocalisationTrace(new double[2], new double[3]));
  }
}
