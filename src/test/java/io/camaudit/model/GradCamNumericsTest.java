package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.jni.JniUtils;
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
    try (GradientCamModel model = BlockModels.seeded(block, "01SequentialBlock", CLASSES, SIZE, 1)) {
      float[] weights =
          block.getChildren().get(1).getValue().getChildren().get(1).getValue()
              .getParameters().get("weight").getArray().toFloatArray();
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

  @Test
  void gradientAtLayerMatchesCentralFiniteDifferences() {
    SequentialBlock block = BlockModels.nonLinearHeadNetwork(CLASSES);
    try (GradientCamModel model =
        BlockModels.seeded(block, "01SequentialBlock", CLASSES, SIZE, 3)) {
      InputBatch batch = randomBatch(2, 11);
      int[] targets = {3, 1};
      LayerPass pass = model.forwardBackward(batch, targets);
      BlockSplitNetwork network = (BlockSplitNetwork) model.network();
      Random random = new Random(5);
      double eps = 1e-2;
      for (int probe = 0; probe < 24; probe++) {
        int index = random.nextInt(pass.activations().length);
        int n = index / (pass.activations().length / 2);
        double plus = headLogit(network, pass, index, eps, n, targets[n]);
        double minus = headLogit(network, pass, index, -eps, n, targets[n]);
        double numeric = (plus - minus) / (2 * eps);
        double analytic = pass.gradients()[index];
        assertEquals(numeric, analytic, 2e-3 + 1e-2 * Math.abs(numeric), "element " + index);
      }
    }
  }

  /** The head's logit for {@code (n, c)} with activation {@code index} moved by {@code delta}. */
  private static double headLogit(
      BlockSplitNetwork network, LayerPass pass, int index, double delta, int n, int c) {
    float[] a = pass.activations().clone();
    a[index] += (float) delta;
    boolean gradMode = JniUtils.isGradMode();
    try (NDManager scope = network.manager().newSubManager()) {
      JniUtils.setGradMode(false);
      NDArray input =
          scope.create(a, new Shape(pass.size(), pass.channels(), pass.height(), pass.width()));
      return network.head(input).toFloatArray()[n * CLASSES + c];
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  @Test
  void batchOfEightEqualsEightSingleRuns() {
    try (GradientCamModel model =
        BlockModels.seeded(BlockModels.nonLinearHeadNetwork(CLASSES), "01SequentialBlock", CLASSES, SIZE, 9)) {
      CamExplainer explainer = new CamExplainer(model, new GradCam());
      InputBatch batch = randomBatch(8, 13);
      int[] requested = {0, 1, 2, 3, 4, Targets.PREDICTED, 2, Targets.PREDICTED};
      List<CamResult> together = explainer.explain(batch, requested);
      int length = batch.imageLength();
      for (int n = 0; n < 8; n++) {
        float[] one = new float[length];
        System.arraycopy(batch.data(), n * length, one, 0, length);
        CamResult alone =
            explainer.explain(new InputBatch(1, 3, SIZE, SIZE, one), new int[] {requested[n]})
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
