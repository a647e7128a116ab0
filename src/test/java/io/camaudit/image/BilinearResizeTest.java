package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BilinearResizeTest {

  @Test
  void upsamplesWithHalfPixelCentresLikeTorchInterpolate() {
    FloatMap map = new FloatMap(2, 2, new float[] {0, 1, 2, 3});
    // torch.nn.functional.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False)
    float[] expected = {
      0.0f, 0.25f, 0.75f, 1.0f,
      0.5f, 0.75f, 1.25f, 1.5f,
      1.5f, 1.75f, 2.25f, 2.5f,
      2.0f, 2.25f, 2.75f, 3.0f
    };
    assertArrayEquals(expected, BilinearResize.resize(map, 4, 4).values(), 1e-6f);
  }

  @Test
  void sameSizeIsIdentityAndDownsamplingAveragesNeighbours() {
    FloatMap map = new FloatMap(2, 4, new float[] {0, 2, 4, 6, 1, 3, 5, 7});
    assertArrayEquals(map.values(), BilinearResize.resize(map, 2, 4).values(), 0f);
    // 4 -> 2 columns: samples at 0.5 and 2.5, the means of neighbouring pairs.
    assertArrayEquals(new float[] {1, 5, 2, 6}, BilinearResize.resize(map, 2, 2).values(), 1e-6f);
  }
}
