package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** HiResCAM and LayerCAM: element-wise gradient times activation, worked by hand. */
class ElementWiseCamTest {

  private static final LayerTrace TRACE =
      Traces.of(
          2,
          3,
          new float[][] {{1, 0, 2, 0, 1, 0}, {0, 1, 1, 1, 0, 1}},
          new float[][] {{0.5f, 0, -1, 0.25f, 0, 0}, {3, 1, 3, 0, 0, 1}});

  @Test
  void hiResCamSumsGradientTimesActivation() {
    // position 0: 0.5*1 + 3*0; 1: 0*0 + 1*1; 2: -1*2 + 3*1; 3: 0.25*0 + 0*1; 4: 0*1; 5: 0 + 1*1
    assertArrayEquals(new float[] {0.5f, 1, 1, 0, 0, 1}, new HiResCam().map(TRACE).values(), 1e-6f);
  }

  @Test
  void layerCamDropsNegativeGradients() {
    // as HiResCAM but position 2 loses the -1*2 term: 0 + 3*1
    assertArrayEquals(new float[] {0.5f, 1, 3, 0, 0, 1}, new LayerCam().map(TRACE).values(), 1e-6f);
  }

  @Test
  void bothDifferFromGradCam() {
    // Grad-CAM spreads w1 = 4/3 over every position where A1 is non-zero
    assertArrayEquals(
        new float[] {0, 4f / 3, 4f / 3 - 1f / 12, 4f / 3, 0, 4f / 3},
        new GradCam().map(TRACE).values(),
        1e-6f);
  }

  @Test
  void hiResCamEqualsGradCamForSpatiallyConstantGradients() {
    LayerTrace trace =
        Traces.of(
            2,
            2,
            new float[][] {{1, 2, 0, 4}, {3, 0, 1, 1}},
            new float[][] {{0.5f, 0.5f, 0.5f, 0.5f}, {-0.25f, -0.25f, -0.25f, -0.25f}});
    // Grad-CAM's w_k is the constant g_k, so both are ReLU(0.5 A0 - 0.25 A1)
    float[] expected = {0, 1, 0, 1.75f};
    assertArrayEquals(expected, new HiResCam().map(trace).values(), 1e-6f);
    assertArrayEquals(expected, new GradCam().map(trace).values(), 1e-6f);
  }
}
