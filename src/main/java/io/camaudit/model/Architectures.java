package io.camaudit.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The DJL block architectures this project defines, by name. Each is a {@link SequentialBlock}
 * whose top-level children are the candidate cut points.
 */
public final class Architectures {

  /** The demo CNN's target layer: its fourth convolutional block. */
  public static final String DEMO_CNN_LAYER = "04SequentialBlock";

  private static final Map<String, IntFunction<SequentialBlock>> BUILDERS =
      Map.of("demo-cnn", Architectures::demoCnn);

  private Architectures() {}

  /**
   * A new, uninitialised block of the named architecture.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static SequentialBlock build(String name, int numClasses) {
    IntFunction<SequentialBlock> builder = BUILDERS.get(name);
    if (builder == null) {
      throw new IllegalArgumentException(
          "Unknown architecture '" + name + "', expected one of " + BUILDERS.keySet());
    }
    return builder.apply(numClasses);
  }

  /**
   * The demo CNN: four 3×3 conv–batch-norm–ReLU blocks (16, 32, 64, 64 channels; 2×2 max pooling
   * after the first two), then global average pooling and a linear classifier. For a 64×64 input
   * the target layer ({@value #DEMO_CNN_LAYER}) has 16×16 maps. Its PyTorch twin is in
   * {@code src/test/python/make_fixtures.py}.
   */
  public static SequentialBlock demoCnn(int numClasses) {
    SequentialBlock net = new SequentialBlock();
    net.add(convBlock(16, true));
    net.add(convBlock(32, true));
    net.add(convBlock(64, false));
    net.add(convBlock(64, false));
    net.add(
        new SequentialBlock()
            .add(Pool.globalAvgPool2dBlock())
            .add(Linear.builder().setUnits(numClasses).build()));
    return net;
  }

  private static SequentialBlock convBlock(int channels, boolean pool) {
    SequentialBlock block =
        new SequentialBlock()
            .add(
                Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .setFilters(channels)
                    .build())
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock());
    if (pool) {
      block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    return block;
  }
}
