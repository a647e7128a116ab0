package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** XGrad-CAM against Fu et al.'s weights worked by hand. */
class XGradCamTest {

  private static final LayerTrace TRACE =
      Traces.of(
          2,
          3,
          new float[][] {{1, 0, 2, 0, 1, 0}, {0, 1, 1, 1, 0, 1}, {0, 0, 0, 0, 0, 0}},
          new float[][] {{0.5f, 0, -1, 0.25f, 0, 0}, {3, 1, 0, 0, 0, 1}, {1, 2, 3, 4, 5, 6}});

  @Test
  void weightsAreActivationWeightedGradients() {
    // w0 = (1 * 0.5 + 2 * -1) / 4 = -3/8; w1 = (1 + 1) / 4 = 1/2 (A1 = 0 where g1 = 3);
    // channel 2 sums to 0: weight 0
    assertArrayEquals(new double[] {-0.375, 0.5, 0}, new XGradCam().channelWeights(TRACE), 1e-12);
  }

  @Test
  void mapDiffersFromGradCam() {
    // ReLU(-3/8 A0 + 1/2 A1)
    assertArrayEquals(
        new float[] {0, 0.5f, 0, 0.5f, 0, 0.5f}, new XGradCam().map(TRACE).values(), 1e-6f);
    // Grad-CAM: w0 = -1/24, w1 = 5/6 (the gradient 3 where A1 = 0 counts)
    assertArrayEquals(
        new float[] {0, 5f / 6, 5f / 6 - 1f / 12, 5f / 6, 0, 5f / 6},
        new GradCam().map(TRACE).values(),
        1e-6f);
  }
}
