package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.camaudit.cam.Head;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gradient self-check: right gradients pass, a backward pass that is off fails. */
class GradientCheckTest {

  private static final int SIZE = 12;
  private static final int CLASSES = 5;

  @Test
  void rightGradientsAgreeWithCentralDifferences() {
    for (SequentialBlock block :
        List.of(BlockModels.camNetwork(CLASSES), BlockModels.nonLinearHeadNetwork(CLASSES))) {
      try (GradientCamModel model =
          BlockModels.seeded(block, BlockModels.LAYER, CLASSES, SIZE, 5)) {
        GradientCheck check = model.checkGradient(BlockModels.randomBatch(1, SIZE, 3));
        assertTrue(check.backward() > 0);
        assertTrue(check.relativeError() < 1e-3, "relative error " + check.relativeError());
        assertTrue(check.passed());
      }
    }
  }

  /**
   * A head whose forward pass is right and whose backward pass halves the gradient, as oneDNN's
   * does for small convolutions on some machines: {@code 0.5 A + 0.5 stopGradient(A)} equals {@code
   * A}, and only half of it carries gradient.
   */
  @Test
  void aHalvedGradientFailsTheCheckAndTheSelfTest() {
    try (GradientCamModel model =
        BlockModels.seeded(halvingNetwork(), BlockModels.LAYER, CLASSES, SIZE, 5)) {
      GradientCheck check = model.checkGradient(BlockModels.randomBatch(1, SIZE, 3));

      assertFalse(check.passed());
      assertEquals(0.5, check.relativeError(), 1e-3);

      LoadedModel loaded = new LoadedModel(info(), model);
      IllegalStateException e = assertThrows(IllegalStateException.class, loaded::selfTest);
      assertTrue(e.getMessage().contains("wrong on this machine"), e.getMessage());
      assertTrue(e.getMessage().contains("ONEDNN_MAX_CPU_ISA=AVX"), e.getMessage());
    }
  }

  @Test
  void notANumberFails() {
    assertFalse(new GradientCheck(Double.NaN, 1.0, 0.1).passed());
    assertFalse(new GradientCheck(1.0, Double.NaN, 0.1).passed());
    assertTrue(new GradientCheck(1.0, 1.04, 0.1).passed());
    assertFalse(new GradientCheck(1.0, 1.06, 0.1).passed());
  }

  private static SequentialBlock halvingNetwork() {
    return new SequentialBlock()
        .add(new SequentialBlock().add(BlockModels.conv(8)).add(Activation.reluBlock()))
        .add(
            new SequentialBlock()
                .add(
                    new LambdaBlock(
                        list ->
                            new NDList(
                                list.head().mul(0.5f).add(list.head().stopGradient().mul(0.5f)))))
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(CLASSES).build()));
  }

  static ModelInfo info() {
    List<String> classes = List.of("c0", "c1", "c2", "c3", "c4");
    return new ModelInfo(
        "test:halving",
        new ModelSpec(
            "halving",
            ModelFormat.DJL_BLOCK,
            "test",
            "none",
            BlockModels.LAYER,
            classes,
            new Preprocessing(
                SIZE,
                SIZE,
                ResizePolicy.STRETCH,
                SIZE,
                Preprocessing.imagenetMean(),
                Preprocessing.imagenetStd()),
            Head.SOFTMAX,
            TokenLayout.CHANNELS_FIRST),
        "0000000000000000");
  }
}
