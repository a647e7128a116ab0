package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The one softmax every model and method uses. */
class TargetsTest {

  @Test
  void softmaxOfASliceIsExactAndStableForLargeLogits() {
    float[] logits = {7, 0, (float) Math.log(3), 1000, 1001};
    assertArrayEquals(new double[] {0.25, 0.75}, Targets.softmax(logits, 1, 2), 1e-7);
    double e = Math.E;
    assertArrayEquals(
        new double[] {1 / (1 + e), e / (1 + e)},
        Targets.softmax(logits, 3, 2),
        1e-12,
        "exp(1000) overflows unless the maximum is subtracted first");
  }
}
