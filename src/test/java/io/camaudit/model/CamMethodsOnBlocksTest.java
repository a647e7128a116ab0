package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamMethods;
import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.ScoreCam;
import io.camaudit.cam.TargetRequest;
import io.camaudit.cam.Targets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every CAM method end to end through {@link CamExplainer} on DJL block models. */
class CamMethodsOnBlocksTest {

  private static final int SIZE = 12;
  private static final int CLASSES = 4;

  /** features: conv 3→6 + ReLU, 2x2 max pool (6x6 maps); head: conv, tanh, GAP, linear. */
  private static SequentialBlock network() {
    return new SequentialBlock()
        .add(
            new SequentialBlock()
                .add(BlockModels.conv(6))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2))))
        .add(
            new SequentialBlock()
                .add(BlockModels.conv(5))
                .add(Activation.tanhBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(CLASSES).build()));
  }

  private static InputBatch randomBatch(int n, long seed) {
    return BlockModels.randomBatch(n, SIZE, seed);
  }

  @Test
  void everyMethodGivesNonZeroNonNegativeMapsAtFeatureResolution() {
    try (GradientCamModel model =
        BlockModels.seeded(network(), "01SequentialBlock", CLASSES, SIZE, 21)) {
      InputBatch batch = randomBatch(3, 4);
      int[] requested = {1, Targets.PREDICTED, 3};
      int[] targets = model.forwardBackward(batch, requested).targets();
      for (String name : CamMethods.names()) {
        List<CamResult> results =
            new CamExplainer(model, CamMethods.byName(name)).explain(batch, requested);
        assertEquals(3, results.size(), name);
        for (int n = 0; n < 3; n++) {
          CamResult result = results.get(n);
          assertEquals(6, result.cam().height(), name);
          assertEquals(6, result.cam().width(), name);
          assertEquals(targets[n], result.targetClass(), name);
          for (float v : result.cam().values()) {
            assertTrue(v >= 0 && Float.isFinite(v), name + " image " + n + ": " + v);
          }
          assertTrue(result.cam().max() > 0, name + " image " + n + ": an all-zero map");
        }
      }
    }
  }

  @Test
  void hiResCamAndXGradCamEqualGradCamForAGlobalAveragePoolHead() {
    // the gradient is W_ck / hw at every position, so all three are CAM / hw
    try (GradientCamModel model =
        BlockModels.seeded(
            BlockModels.camNetwork(CLASSES), "01SequentialBlock", CLASSES, SIZE, 5)) {
      InputBatch batch = randomBatch(2, 9);
      int[] requested = {0, 2};
      List<CamResult> gradCam =
          new CamExplainer(model, CamMethods.byName("gradcam")).explain(batch, requested);
      for (String name : List.of("hirescam", "xgradcam")) {
        List<CamResult> other =
            new CamExplainer(model, CamMethods.byName(name)).explain(batch, requested);
        for (int n = 0; n < 2; n++) {
          float[] expected = gradCam.get(n).cam().values();
          assertTrue(gradCam.get(n).cam().max() > 0);
          assertArrayEquals(
              expected,
              other.get(n).cam().values(),
              1e-5f * gradCam.get(n).cam().max(),
              name + " image " + n);
        }
      }
    }
  }

  @Test
  void scoreCamScoresEveryChannelInBatchesAndTheBatchSizeDoesNotMatter() {
    try (GradientCamModel model =
        BlockModels.seeded(network(), "01SequentialBlock", CLASSES, SIZE, 33)) {
      CountingModel counting = new CountingModel(model);
      InputBatch batch = randomBatch(2, 17);
      int[] requested = {2, 0};
      List<CamResult> batched =
          new CamExplainer(counting, new ScoreCam(4)).explain(batch, requested);
      assertEquals(2 * 2, counting.predictCalls.get(), "6 channels in batches of 4, two images");
      assertEquals(2 * 6, counting.predictedImages.get(), "one masked input per channel");
      List<CamResult> single = new CamExplainer(model, new ScoreCam(1)).explain(batch, requested);
      for (int n = 0; n < 2; n++) {
        assertTrue(batched.get(n).cam().max() > 0);
        assertArrayEquals(
            single.get(n).cam().values(),
            batched.get(n).cam().values(),
            1e-5f * batched.get(n).cam().max(),
            "image " + n);
      }
    }
  }

  /** Counts the forward passes a model is asked for. */
  private static final class CountingModel implements CamModel {
    private final CamModel model;
    final AtomicInteger predictCalls = new AtomicInteger();
    final AtomicInteger predictedImages = new AtomicInteger();

    CountingModel(CamModel model) {
      this.model = model;
    }

    @Override
    public List<String> classes() {
      return model.classes();
    }

    @Override
    public String layer() {
      return model.layer();
    }

    @Override
    public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
      return model.forwardBackward(batch, requests);
    }

    @Override
    public float[] predict(InputBatch batch) {
      predictCalls.incrementAndGet();
      predictedImages.addAndGet(batch.size());
      return model.predict(batch);
    }

    @Override
    public void close() {}
  }
}
