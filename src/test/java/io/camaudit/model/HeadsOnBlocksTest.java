package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.SequentialBlock;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binary and multi-label heads on real DJL blocks (conv, global average pool, linear): the score
 * explained, the probabilities and the decisions follow the head, and a model whose logits do not
 * fit its declared head fails instead of explaining with wrong probabilities.
 */
class HeadsOnBlocksTest {

  private static final int SIZE = 12;

  @Test
  void binaryHeadExplainsMinusTheLogitForTheNegativeClass() {
    SequentialBlock block = BlockModels.camNetwork(1);
    try (GradientCamModel model =
        BlockModels.seeded(block, BlockModels.LAYER, 2, SIZE, 5, Head.BINARY)) {
      InputBatch batch = BlockModels.randomBatch(4, SIZE, 11);
      CamExplainer explainer = new CamExplainer(model, new GradCam());
      List<CamResult> positive = explainer.explain(batch, new int[] {1, 1, 1, 1});
      List<CamResult> negative = explainer.explain(batch, new int[] {0, 0, 0, 0});
      LayerPass pass = model.forwardBackward(batch, new int[] {1, 1, 1, 1});
      List<CamResult> predicted = explainer.explain(batch, new int[] {-1, -1, -1, -1});
      int k = pass.channels();
      int area = pass.height() * pass.width();
      for (int n = 0; n < 4; n++) {
        float z = pass.logits()[n];
        assertEquals(1, pass.numLogits());
        assertEquals(z, positive.get(n).targetScore(), 1e-6);
        assertEquals(-z, negative.get(n).targetScore(), 1e-6);
        assertEquals(1.0 / (1 + Math.exp(-z)), positive.get(n).targetProbability(), 1e-6);
        assertEquals(
            1.0, positive.get(n).targetProbability() + negative.get(n).targetProbability(), 1e-9);
        assertEquals(z >= 0 ? 1 : 0, positive.get(n).predictedClass());
        assertEquals(z >= 0 ? 1 : 0, predicted.get(n).targetClass(), "PREDICTED picks by sign");
        // Grad-CAM of a GAP + linear head is CAM: +w for the positive class, -w for the negative.
        float[] expectedPositive = new float[area];
        float[] expectedNegative = new float[area];
        for (int i = 0; i < area; i++) {
          double sum = 0;
          for (int ch = 0; ch < k; ch++) {
            sum += pass.trace(n).gradient(ch, 0) * area * pass.trace(n).activation(ch, i);
          }
          expectedPositive[i] = (float) Math.max(0, sum / area);
          expectedNegative[i] = (float) Math.max(0, -sum / area);
        }
        assertArrayEquals(expectedPositive, positive.get(n).cam().values(), 1e-5f);
        assertArrayEquals(expectedNegative, negative.get(n).cam().values(), 1e-5f);
      }
      assertTrue(
          positive.stream().anyMatch(r -> r.cam().max() > 0)
              && negative.stream().anyMatch(r -> r.cam().max() > 0),
          "both classes have evidence somewhere");
    }
  }

  @Test
  void sigmoidHeadGivesEachClassItsOwnProbability() {
    SequentialBlock block = BlockModels.camNetwork(3);
    try (GradientCamModel model =
        BlockModels.seeded(block, BlockModels.LAYER, 3, SIZE, 6, Head.SIGMOID)) {
      InputBatch batch = BlockModels.randomBatch(3, SIZE, 12);
      List<CamResult> results =
          new CamExplainer(model, new GradCam()).explain(batch, new int[] {0, 1, 2});
      float[] logits = model.predict(batch);
      for (int n = 0; n < 3; n++) {
        double p = 1 / (1 + Math.exp(-logits[n * 3 + n]));
        assertEquals(p, results.get(n).targetProbability(), 1e-6);
        assertEquals(p >= Head.MULTI_LABEL_THRESHOLD, results.get(n).targetPredicted());
        assertEquals(Targets.argMax(logits, n * 3, 3), results.get(n).predictedClass());
      }
    }
  }

  @Test
  void logitsThatDoNotFitTheHeadFailWithTheHeadNamed() {
    try (GradientCamModel model =
        BlockModels.seeded(BlockModels.camNetwork(1), BlockModels.LAYER, 2, SIZE, 7)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> model.forwardBackward(BlockModels.randomBatch(1, SIZE, 1), new int[] {0}));
      assertTrue(e.getMessage().contains("softmax head"), e.getMessage());
    }
  }

  @Test
  void aBinaryHeadNeedsTwoClasses() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelSpec.fromJson(
                    """
                    {"name": "m", "format": "torchscript", "weights": "m.pt", "layer": "l",
                     "classes": ["a", "b", "c"], "head": "binary",
                     "input": {"width": 8, "height": 8, "resize": "stretch",
                               "mean": [0, 0, 0], "std": [1, 1, 1]}}
                    """));
    assertTrue(e.getMessage().contains("binary head"), e.getMessage());
    ModelSpec sigmoid =
        ModelSpec.fromJson(
            """
            {"name": "m", "format": "torchscript", "weights": "m.pt", "layer": "l",
             "classes": ["a", "b", "c"], "head": "sigmoid",
             "input": {"width": 8, "height": 8, "resize": "stretch",
                       "mean": [0, 0, 0], "std": [1, 1, 1]}}
            """);
    assertEquals(Head.SIGMOID, sigmoid.head());
    assertEquals(Head.SIGMOID, ModelSpec.fromJson(sigmoid.toJson()).head());
  }
}
