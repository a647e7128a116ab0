package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.SequentialBlock;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.Targets;
import io.camaudit.image.FloatMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Grad-CAM on DJL blocks against closed forms and finite differences. */
class GradCamNumericsTest {

  private static final int SIZE = 12;
  private static final int CLASSES = 5;

  private static InputBatch randomBatch(int n, long seed) {
    return BlockModels.randomBatch(n, SIZE, seed);
  }

  @Test
  void gradCamEqualsCamForGlobalAveragePoolAndLinearHead() {
    SequentialBlock block = BlockModels.camNetwork(CLASSES);
    try (GradientCamModel model =
        BlockModels.seeded(block, "01SequentialBlock", CLASSES, SIZE, 1)) {
      float[] weights =
          block
              .getChildren()
              .get(1)
              .getValue()
              .getChildren()
              .get(1)
              .getValue()
              .getParameters()
              .get("weight")
              .getArray()
              .toFloatArray();
      InputBatch batch = randomBatch(4, 7);
      int[] requested = {2, Targets.PREDICTED, 0, 4};
      LayerPass pass = model.forwardBackward(batch, requested);
      List<CamResult> results = new CamExplainer(model, new GradCam()).explain(batch, requested);
      int k = pass.channels();
      int area = pass.height() * pass.width();
      for (int n = 0; n < 4; n++) {
        int c = pass.targets()[n];
        float[] expected = new float[area];
        for (int i = 0; i < area; i++) {
          double sum = 0;
          for (int ch = 0; ch < k; ch++) {
            sum += weights[c * k + ch] * pass.trace(n).activation(ch, i);
          }
          expected[i] = (float) Math.max(0, sum / area);
        }
        assertArrayEquals(expected, results.get(n).cam().values(), 1e-5f, "image " + n);
        assertTrue(results.get(n).cam().max() > 0, "a non-trivial map for image " + n);
      }
      assertEquals(Targets.argMax(pass.logits(), CLASSES, CLASSES), pass.targets()[1]);
    }
  }

  /**
   * The gradient at the layer against central differences of the head recomputed in double
   * precision from the block's own parameters (conv 3×3 → tanh → global average pool → linear):
   * float32 finite differences cannot resolve gradients of 1e-3 (the pool divides by 144), double
   * ones agree to 1e-8, so a tolerance of 0.1% of the gradient fails any error above it.
   */
  @Test
  void gradientAtLayerMatchesDoublePrecisionFiniteDifferences() {
    SequentialBlock block = BlockModels.nonLinearHeadNetwork(CLASSES);
    try (GradientCamModel model =
        BlockModels.seeded(block, "01SequentialBlock", CLASSES, SIZE, 3)) {
      InputBatch batch = randomBatch(2, 11);
      int[] targets = {3, 1};
      LayerPass pass = model.forwardBackward(batch, targets);
      Head head = new Head((SequentialBlock) block.getChildren().get(1).getValue(), pass);
      int perImage = pass.activations().length / 2;
      for (int n = 0; n < 2; n++) {
        double[] logits = head.logits(image(pass, n));
        for (int c = 0; c < CLASSES; c++) {
          assertEquals(
              pass.logits()[n * CLASSES + c],
              logits[c],
              1e-5,
              "the double-precision head is the block's head");
        }
      }
      Random random = new Random(5);
      double eps = 1e-4;
      for (int probe = 0; probe < 48; probe++) {
        int index = random.nextInt(pass.activations().length);
        int n = index / perImage;
        double[] a = image(pass, n);
        int i = index - n * perImage;
        a[i] += eps;
        double plus = head.logits(a)[targets[n]];
        a[i] -= 2 * eps;
        double minus = head.logits(a)[targets[n]];
        double numeric = (plus - minus) / (2 * eps);
        double analytic = pass.gradients()[index];
        assertEquals(
            numeric,
            analytic,
            1e-3 * Math.abs(numeric) + 1e-7,
            "element " + index + " (numeric " + numeric + ")");
      }
    }
  }

  /** Image {@code n}'s activations, in double precision. */
  private static double[] image(LayerPass pass, int n) {
    int perImage = pass.activations().length / pass.size();
    double[] a = new double[perImage];
    for (int i = 0; i < perImage; i++) {
      a[i] = pass.activations()[n * perImage + i];
    }
    return a;
  }

  /** The non-linear test head in double precision, from the block's parameters. */
  private static final class Head {
    private final double[] convWeight;
    private final double[] convBias;
    private final double[] linearWeight;
    private final double[] linearBias;
    private final int in;
    private final int out;
    private final int height;
    private final int width;

    Head(SequentialBlock head, LayerPass pass) {
      var children = head.getChildren();
      convWeight = doubles(children.get(0).getValue().getParameters().get("weight"));
      convBias = doubles(children.get(0).getValue().getParameters().get("bias"));
      linearWeight = doubles(children.get(3).getValue().getParameters().get("weight"));
      linearBias = doubles(children.get(3).getValue().getParameters().get("bias"));
      in = pass.channels();
      out = convBias.length;
      height = pass.height();
      width = pass.width();
    }

    /** The logits of one image's activations {@code [in, height, width]}. */
    double[] logits(double[] a) {
      double[] pooled = new double[out];
      for (int o = 0; o < out; o++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double z = convBias[o];
            for (int i = 0; i < in; i++) {
              for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                  int yy = y + ky - 1;
                  int xx = x + kx - 1;
                  if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                    z +=
                        convWeight[((o * in + i) * 3 + ky) * 3 + kx]
                            * a[(i * height + yy) * width + xx];
                  }
                }
              }
            }
            pooled[o] += Math.tanh(z) / (height * width);
          }
        }
      }
      double[] logits = new double[linearBias.length];
      for (int c = 0; c < logits.length; c++) {
        logits[c] = linearBias[c];
        for (int o = 0; o < out; o++) {
          logits[c] += linearWeight[c * out + o] * pooled[o];
        }
      }
      return logits;
    }

    private static double[] doubles(ai.djl.nn.Parameter parameter) {
      float[] values = parameter.getArray().toFloatArray();
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i];
      }
      return out;
    }
  }

  @Test
  void batchOfEightEqualsEightSingleRuns() {
    try (GradientCamModel model =
        BlockModels.seeded(
            BlockModels.nonLinearHeadNetwork(CLASSES), "01SequentialBlock", CLASSES, SIZE, 9)) {
      CamExplainer explainer = new CamExplainer(model, new GradCam());
      InputBatch batch = randomBatch(8, 13);
      int[] requested = {0, 1, 2, 3, 4, Targets.PREDICTED, 2, Targets.PREDICTED};
      List<CamResult> together = explainer.explain(batch, requested);
      int length = batch.imageLength();
      for (int n = 0; n < 8; n++) {
        float[] one = new float[length];
        System.arraycopy(batch.data(), n * length, one, 0, length);
        CamResult alone =
            explainer
                .explain(new InputBatch(1, 3, SIZE, SIZE, one), new int[] {requested[n]})
                .get(0);
        FloatMap map = together.get(n).cam();
        float tolerance = 1e-5f * Math.max(1f, map.max());
        assertArrayEquals(alone.cam().values(), map.values(), tolerance, "image " + n);
        assertEquals(alone.targetClass(), together.get(n).targetClass());
        assertEquals(alone.predictedClass(), together.get(n).predictedClass());
      }
    }
  }
}
