package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Grad-CAM on a hand-made trace; the other methods' tests compare with these numbers. */
class GradCamTest {

  @Test
  void weightsAreSpatialMeansOfTheGradient() {
    LayerTrace trace =
        Traces.of(
            2,
            3,
            new float[][] {{1, 0, 2, 0, 1, 0}, {0, 1, 1, 1, 0, 1}},
            new float[][] {{0.5f, 0, -1, 0.25f, 0, 0}, {3, 1, 3, 0, 0, 1}});
    // w0 = (0.5 - 1 + 0.25) / 6 = -1/24, w1 = 8 / 6 = 4/3
    assertArrayEquals(
        new double[] {-1.0 / 24, 4.0 / 3}, new GradCam().channelWeights(trace), 1e-12);
    // ReLU(-1/24 A0 + 4/3 A1)
    assertArrayEquals(
        new float[] {0, 4f / 3, 4f / 3 - 1f / 12, 4f / 3, 0, 4f / 3},
        new GradCam().map(trace).values(),
        1e-6f);
  }
}
