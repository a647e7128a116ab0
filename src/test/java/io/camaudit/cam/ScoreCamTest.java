package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.FloatMap;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Score-CAM against Algorithm 1 of Wang et al., with a model whose scores the test controls. */
class ScoreCamTest {

  /** Channels: a ramp, a map off at its last position, a constant map. */
  private static final float[][] ACTIVATIONS = {
    {0, 1, 2, 0, 1, 2}, {4, 4, 4, 4, 4, 0}, {3, 3, 3, 3, 3, 3}
  };

  private static final float[][] ZERO_GRADIENTS = new float[3][6];

  /** Two input channels of 2x3 pixels. */
  private static final float[] IMAGE = {1, 0, 0, 0, 0, 2, /* channel 1 */ 0, 0, 0, 0, 0, 1};

  private static FakeCamModel model() {
    return new FakeCamModel(new float[] {0, 1}, 2, 3, ACTIVATIONS, ZERO_GRADIENTS);
  }

  @Test
  void weightsAreTheSoftmaxOverChannelsOfTheMaskedInputsTargetLogits() {
    FakeCamModel model = model();
    InputBatch batch = new InputBatch(1, 2, 2, 3, IMAGE);
    CamResult result = new CamExplainer(model, new ScoreCam()).explain(batch, new int[] {1}).get(0);
    // masks (features and input are both 2x3, so upsampling is the identity):
    //   H0 = (0, .5, 1, 0, .5, 1): masked pixels sum 1*2 + 1*1 = 3    -> s0 = 3
    //   H1 = (1, 1, 1, 1, 1, 0):   masked pixels sum 1               -> s1 = 1
    //   H2 = 0 (constant channel): masked pixels sum 0               -> s2 = 0
    double z = Math.exp(3) + Math.exp(1) + 1;
    double w0 = Math.exp(3) / z;
    double w1 = Math.exp(1) / z;
    double w2 = 1 / z;
    float[] expected = new float[6];
    for (int i = 0; i < 6; i++) {
      expected[i] =
          (float) (w0 * ACTIVATIONS[0][i] + w1 * ACTIVATIONS[1][i] + w2 * ACTIVATIONS[2][i]);
    }
    assertArrayEquals(expected, result.cam().values(), 1e-5f);
    assertEquals(1, model.predicted.size(), "three masks, one forward pass");
    assertArrayEquals(
        new float[] {
          0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, // X * H0 (both input channels)
          1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // X * H1
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        }, // X * H2
        model.predicted.get(0).data(),
        1e-6f);
    // Grad-CAM sees zero gradients: an all-zero map
    assertEquals(
        0f,
        new CamExplainer(model(), new GradCam()).explain(batch, new int[] {1}).get(0).cam().max());
  }

  @Test
  void scoresTheRequestedTarget() {
    // target 0: logits are minus the sums, s = (-3, -1, 0)
    InputBatch batch = new InputBatch(1, 2, 2, 3, IMAGE);
    double[] weights =
        new ScoreCam()
            .channelWeights(
                Traces.of(2, 3, ACTIVATIONS, null)
                    .withScorer(new ModelInputScorer(model(), batch, 0, 0)));
    double z = Math.exp(-3) + Math.exp(-1) + 1;
    assertArrayEquals(new double[] {Math.exp(-3) / z, Math.exp(-1) / z, 1 / z}, weights, 1e-9);
  }

  @Test
  void masksAreScoredInBatchesOfTheConfiguredSizeForEachImage() {
    float[][] activations = new float[5][];
    for (int k = 0; k < 5; k++) {
      activations[k] = new float[] {k, 0, 1, 2, 0, 1};
    }
    FakeCamModel model = new FakeCamModel(new float[] {0, 1}, 2, 3, activations, new float[5][6]);
    float[] two = new float[24];
    System.arraycopy(IMAGE, 0, two, 0, 12);
    Arrays.fill(two, 12, 24, 1f);
    InputBatch batch = new InputBatch(2, 2, 2, 3, two);
    List<CamResult> batched =
        new CamExplainer(model, new ScoreCam(2)).explain(batch, new int[] {1, 1});
    assertEquals(1, model.forwardBackwardCalls);
    assertEquals(
        List.of(2, 2, 1, 2, 2, 1),
        model.predicted.stream().map(InputBatch::size).collect(Collectors.toList()),
        "ceil(K / batch) = 3 forward passes per image");
    // image 1's masked inputs are made of image 1's pixels: the ones image times H0
    float[] secondImageFirstMask = new float[12];
    System.arraycopy(model.predicted.get(3).data(), 0, secondImageFirstMask, 0, 12);
    float[] h0 = {0, 0, 0.5f, 1, 0, 0.5f}; // channel 0 = (0, 0, 1, 2, 0, 1)
    assertArrayEquals(concat(h0, h0), secondImageFirstMask, 1e-6f);

    for (int size : new int[] {1, 3, 32}) {
      List<CamResult> other =
          new CamExplainer(model, new ScoreCam(size)).explain(batch, new int[] {1, 1});
      for (int n = 0; n < 2; n++) {
        assertArrayEquals(
            batched.get(n).cam().values(),
            other.get(n).cam().values(),
            "batch size " + size + " gives the same map");
      }
    }
  }

  @Test
  void masksAreUpsampledToTheInputWithHalfPixelCentresThenNormalised() {
    // a 1x2 channel (2, 6) to 1x4: samples at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
    // give (2, 3, 5, 6), normalised by (v - 2) / 4 to (0, 1/4, 3/4, 1)
    FakeCamModel model =
        new FakeCamModel(new float[] {0, 1}, 1, 2, new float[][] {{2, 6}}, new float[1][2]);
    InputBatch ones = new InputBatch(1, 1, 1, 4, new float[] {1, 1, 1, 1});
    new CamExplainer(model, new ScoreCam()).explain(ones, new int[] {1});
    InputBatch masked = model.predicted.get(0);
    assertEquals(4, masked.width());
    assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, masked.data(), 1e-6f);
    FloatMap mask = ScoreCam.mask(Traces.of(1, 2, new float[][] {{2, 6}}, null), 0, 1, 4);
    assertArrayEquals(masked.data(), mask.values());
  }

  @Test
  void needsAScorer() {
    LayerTrace trace = Traces.of(2, 3, ACTIVATIONS, ZERO_GRADIENTS);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new ScoreCam().map(trace));
    assertTrue(e.getMessage().contains("CamExplainer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ScoreCam(0));
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
