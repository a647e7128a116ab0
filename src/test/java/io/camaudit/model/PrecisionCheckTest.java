package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.camaudit.cam.Head;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The precision self-check: features that follow float32 within rounding pass, features computed
 * wrongly (as libtorch's bfloat16 convolutions with 8 output channels are on some AVX-512 CPUs)
 * stop the model at its self-test, naming the option and the fix.
 */
class PrecisionCheckTest {

  private static final int SIZE = 12;
  private static final int CLASSES = 5;

  @Test
  void roundingPassesAndWrongOutputsFail() {
    float[] float32 = noise(4096, 1);
    float[] rounded = new float[float32.length];
    float[] wrong = new float[float32.length];
    float[] other = noise(float32.length, 2);
    for (int i = 0; i < float32.length; i++) {
      // bfloat16 keeps 8 bits of mantissa: a relative error of at most 2^-8.
      rounded[i] = float32[i] * (1 + (i % 2 == 0 ? 1 : -1) / 256f);
      // Half of the values right, half replaced: as a wrong kernel on some channels.
      wrong[i] = i % 2 == 0 ? float32[i] : other[i];
    }

    PrecisionCheck same = PrecisionCheck.of(Precision.BF16, float32, float32);
    assertEquals(1, same.correlation(), 1e-12);
    assertEquals(0, same.largestDifference());
    assertTrue(same.passed());
    PrecisionCheck rounding = PrecisionCheck.of(Precision.BF16, float32, rounded);
    assertTrue(rounding.passed(), rounding.toString());
    assertTrue(rounding.largestDifference() <= 1 / 256.0 + 1e-6, rounding.toString());
    PrecisionCheck broken = PrecisionCheck.of(Precision.BF16, float32, wrong);
    assertFalse(broken.passed(), broken.toString());
    assertTrue(broken.correlation() < 0.9, broken.toString());

    float[] overflowed = float32.clone();
    overflowed[7] = Float.POSITIVE_INFINITY;
    assertFalse(PrecisionCheck.of(Precision.FP16, float32, overflowed).passed());
    overflowed[7] = Float.NaN;
    assertFalse(PrecisionCheck.of(Precision.FP16, float32, overflowed).passed());
  }

  @Test
  void aFloat32NetworkHasNothingToCheck() {
    try (GradientCamModel model =
        BlockModels.seeded(BlockModels.camNetwork(CLASSES), BlockModels.LAYER, CLASSES, SIZE, 5)) {
      assertTrue(model.checkPrecision(BlockModels.randomBatch(1, SIZE, 3)).isEmpty());
    }
  }

  @Test
  void wrongLowerPrecisionFeaturesStopTheSelfTest() {
    try (GradientCamModel float32 =
            BlockModels.seeded(
                BlockModels.camNetwork(CLASSES), BlockModels.LAYER, CLASSES, SIZE, 5);
        GradientCamModel model =
            new GradientCamModel(
                new HalfWrongFeatures(float32.network()),
                float32.classes(),
                BlockModels.LAYER,
                Head.SOFTMAX,
                TokenLayout.CHANNELS_FIRST)) {
      PrecisionCheck check =
          model.checkPrecision(BlockModels.randomBatch(1, SIZE, 3)).orElseThrow();
      assertEquals(Precision.BF16, check.precision());
      assertFalse(check.passed(), check.toString());

      LoadedModel loaded = new LoadedModel(GradientCheckTest.info(), model);
      UnsupportedPrecisionException e =
          assertThrows(UnsupportedPrecisionException.class, loaded::selfTest);
      assertTrue(e.getMessage().startsWith("Invalid --precision bf16: "), e.getMessage());
      assertTrue(e.getMessage().contains("disagree with its fp32 features"), e.getMessage());
      assertTrue(e.getMessage().contains("set ONEDNN_MAX_CPU_ISA=AVX"), e.getMessage());
      assertFalse(e.getMessage().contains("export"), "re-exporting does not help: " + e);
      assertTrue(e.messageFor("precision").startsWith("Invalid precision bf16: "), e.toString());
    }
  }

  /**
   * A network whose "bfloat16" features zero every second channel of the float32 ones: the
   * activation pattern of a convolution kernel that is wrong for some output channels.
   */
  private record HalfWrongFeatures(SplitNetwork float32) implements SplitNetwork {

    @Override
    public Precision precision() {
      return Precision.BF16;
    }

    @Override
    public NDArray float32Features(NDArray input) {
      return float32.features(input).get(0);
    }

    @Override
    public NDList features(NDArray input) {
      NDArray a = float32.features(input).get(0);
      long channels = a.getShape().get(1);
      float[] keep = new float[(int) channels];
      for (int c = 0; c < channels; c += 2) {
        keep[c] = 1;
      }
      NDArray mask = a.getManager().create(keep).reshape(1, channels, 1, 1);
      return new NDList(a.mul(mask));
    }

    @Override
    public NDArray head(NDList activations) {
      return float32.head(activations);
    }

    @Override
    public NDManager manager() {
      return float32.manager();
    }

    @Override
    public void close() {}
  }

  private static float[] noise(int length, long seed) {
    Random random = new Random(seed);
    float[] values = new float[length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
