package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Grad-CAM++ against Eq. 19 of Chattopadhay et al. worked by hand. */
class GradCamPlusPlusTest {

  // A0 sums to 4, A1 sums to 4
  private static final float[][] ACTIVATIONS = {{1, 0, 2, 0, 1, 0}, {0, 1, 1, 1, 0, 1}};
  private static final float[][] GRADIENTS = {
    {0.5f, 0, -1, 0.25f, 0, 0}, {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}
  };

  @Test
  void weightsFollowTheClosedFormAlphas() {
    LayerTrace trace = Traces.of(2, 3, ACTIVATIONS, GRADIENTS);
    // channel 0: g = 0.5: alpha = 0.25 / (0.5 + 4 * 0.125) = 1/4, contributes 1/4 * 0.5 = 1/8;
    //            g = 0.25: alpha = (1/16) / (2/16 + 4/64) = 1/3, contributes 1/12;
    //            g = -1: ReLU(g) = 0; g = 0: alpha = 0.        w0 = 1/8 + 1/12 = 5/24
    // channel 1: g = 0.5 everywhere: alpha = 1/4, six times 1/8:  w1 = 3/4
    assertArrayEquals(
        new double[] {5.0 / 24, 0.75}, new GradCamPlusPlus().channelWeights(trace), 1e-12);
  }

  @Test
  void mapDiffersFromGradCam() {
    LayerTrace trace = Traces.of(2, 3, ACTIVATIONS, GRADIENTS);
    float a = 5f / 24;
    // ReLU(5/24 A0 + 3/4 A1): every activation counts
    assertArrayEquals(
        new float[] {a, 0.75f, 2 * a + 0.75f, 0.75f, a, 0.75f},
        new GradCamPlusPlus().map(trace).values(),
        1e-6f);
    // Grad-CAM: w0 = -1/24 < 0 removes channel 0 where channel 1 is 0
    assertArrayEquals(
        new float[] {0, 0.5f, 0.5f - 1f / 12, 0.5f, 0, 0.5f},
        new GradCam().map(trace).values(),
        1e-6f);
  }

  @Test
  void constantGradientGivesAreaTimesGOverTwoPlusSumTimesG() {
    // the GAP + linear head case: g constant; alpha = 1 / (2 + S g), w = hw g / (2 + S g)
    float g = 0.1f;
    LayerTrace trace = Traces.of(1, 4, new float[][] {{1, 2, 3, 4}}, new float[][] {{g, g, g, g}});
    assertEquals(4 * 0.1 / (2 + 10 * 0.1), new GradCamPlusPlus().channelWeights(trace)[0], 1e-7);
  }

  @Test
  void zeroDenominatorGivesAlphaZero() {
    // S = -2, g = 1: 2 g^2 + S g^3 = 0
    LayerTrace trace = Traces.of(1, 2, new float[][] {{-1, -1}}, new float[][] {{1, 1}});
    assertEquals(0.0, new GradCamPlusPlus().channelWeights(trace)[0]);
  }
}
