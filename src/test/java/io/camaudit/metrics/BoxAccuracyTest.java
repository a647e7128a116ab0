package io.camaudit.metrics;

import static io.camaudit.metrics.BoxAccuracy.Variant.ANY_REGION;
import static io.camaudit.metrics.BoxAccuracy.Variant.LARGEST_REGION;
import static io.camaudit.metrics.LocalisationTraceTest.IMAGE_A;
import static io.camaudit.metrics.LocalisationTraceTest.IMAGE_B;
import static io.camaudit.metrics.LocalisationTraceTest.IMAGE_C;
import static io.camaudit.metrics.LocalisationTraceTest.TAUS;
import static io.camaudit.metrics.LocalisationTraceTest.TRUTHS_A;
import static io.camaudit.metrics.LocalisationTraceTest.TRUTHS_B;
import static io.camaudit.metrics.LocalisationTraceTest.TRUTHS_C;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.metrics.BoxAccuracy.Peak;
import io.camaudit.metrics.BoxAccuracy.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Three images with traces (tau = 0.25, 0.5, 0.75; see {@link LocalisationTraceTest}):
 *
 * <pre>
 *      largest region     any region
 *   A  0.5  1    1        0.5  1    1
 *   B  0    0    0.5      0.5  0.5  0.5
 *   C  1    1    0        1    1    0
 * </pre>
 */
class BoxAccuracyTest {

  private static final LocalisationTrace A = LocalisationTrace.of(IMAGE_A, TRUTHS_A, TAUS);
  private static final LocalisationTrace B = LocalisationTrace.of(IMAGE_B, TRUTHS_B, TAUS);
  private static final LocalisationTrace C = LocalisationTrace.of(IMAGE_C, TRUTHS_C, TAUS);

  private static BoxAccuracy all() {
    return new BoxAccuracy(TAUS).add(A).add(B).add(C);
  }

  @Test
  void curvesCountImagesAtOrAboveEachIouThreshold() {
    BoxAccuracy acc = all();
    assertEquals(3, acc.images());
    assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 2 / 3.0}, acc.curve(LARGEST_REGION, 0.5));
    assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 1 / 3.0}, acc.curve(LARGEST_REGION, 0.7));
    assertArrayEquals(new double[] {1, 1, 2 / 3.0}, acc.curve(ANY_REGION, 0.3));
    assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 1 / 3.0}, acc.curve(ANY_REGION, 0.7));
  }

  @Test
  void maxBoxAccTakesTheFirstBestThreshold() {
    BoxAccuracy acc = all();
    assertEquals(new Peak(2 / 3.0, 0.25), acc.maxBoxAcc());
    assertEquals(new Peak(2 / 3.0, 0.5), acc.maxBoxAcc(LARGEST_REGION, 0.7));
    assertEquals(new Peak(1, 0.25), acc.maxBoxAcc(ANY_REGION, 0.5));
    assertEquals(new Peak(2 / 3.0, 0.5), acc.maxBoxAcc(ANY_REGION, 0.7));
  }

  @Test
  void maxBoxAccV2AveragesEachIouThresholdsOwnPeak() {
    assertEquals((1 + 1 + 2 / 3.0) / 3, all().maxBoxAccV2(), 1e-15);
  }

  @Test
  void mergingPartialAccumulatorsEqualsAccumulatingAll() throws Exception {
    BoxAccuracy merged = new BoxAccuracy(TAUS).add(A).merge(new BoxAccuracy(TAUS).add(B).add(C));
    assertSameCounts(all(), merged);
    assertSameCounts(all(), roundTrip(new BoxAccuracy(TAUS).add(C)).add(A).add(B));
  }

  @Test
  void emptyAccumulatorHasUndefinedAccuracy() {
    BoxAccuracy acc = new BoxAccuracy(TAUS);
    assertTrue(Double.isNaN(acc.maxBoxAcc().accuracy()));
    assertTrue(Double.isNaN(acc.maxBoxAccV2()));
    assertTrue(Double.isNaN(acc.curve(ANY_REGION, 0.3)[0]));
  }

  @Test
  void rejectsMismatchedGridsAndUnknownIouThresholds() {
    BoxAccuracy acc = all();
    assertThrows(
        IllegalArgumentException.class,
        () -> acc.add(new LocalisationTrace(new double[2], new double[2])));
    assertThrows(
        IllegalArgumentException.class, () -> acc.merge(new BoxAccuracy(new double[] {0.5})));
    assertThrows(
        IllegalArgumentException.class, () -> acc.merge(new BoxAccuracy(TAUS, new double[] {0.5})));
    assertThrows(IllegalArgumentException.class, () -> acc.curve(ANY_REGION, 0.4));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BoxAccuracy(TAUS, new double[] {0.3}).maxBoxAcc());
    assertThrows(
        IllegalArgumentException.class, () -> new BoxAccuracy(TAUS, new double[] {0.5, 0.5}));
    assertThrows(IllegalArgumentException.class, () -> new BoxAccuracy(TAUS, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new BoxAccuracy(new double[] {0.5, 1.5}));
  }

  private static void assertSameCounts(BoxAccuracy expected, BoxAccuracy actual) {
    assertEquals(expected.images(), actual.images());
    for (Variant variant : Variant.values()) {
      for (double delta : expected.iouThresholds()) {
        assertArrayEquals(expected.curve(variant, delta), actual.curve(variant, delta));
      }
    }
  }

  private static BoxAccuracy roundTrip(BoxAccuracy acc) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(acc);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (BoxAccuracy) in.readObject();
    }
  }
}
