package io.camaudit.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The DJL block architectures this project defines, by name. Each is a {@link SequentialBlock}
 * whose top-level children are the candidate cut points.
 */
public final class Architectures {

  /** The demo CNN's target layer: its fourth convolutional block. */
  public static final String DEMO_CNN_LAYER = "04SequentialBlock";

  /** ResNet-18's target layer: the child holding torchvision's {@code layer4}. */
  public static final String RESNET18_LAYER = "05SequentialBlock";

  private static final Map<String, IntFunction<SequentialBlock>> BUILDERS =
      Map.of("demo-cnn", Architectures::demoCnn, "resnet18", Architectures::resnet18);

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
   * the target layer ({@value #DEMO_CNN_LAYER}) has 16×16 maps. Its PyTorch twin is in {@code
   * src/test/python/make_fixtures.py}.
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

  /**
   * ResNet-18 in torchvision's layout (He et al., CVPR 2016): a 7×7 stride-2 convolution, batch
   * norm, ReLU and 3×3 stride-2 max pooling; four stages of two basic blocks (64, 128, 256, 512
   * channels, the last three starting with stride 2 and a 1×1 projection shortcut); global average
   * pooling and a linear classifier. Convolutions have no bias; batch norm uses {@code eps = 1e-5}.
   * Top-level children: {@code 01} stem, {@code 02}–{@code 05} torchvision's {@code layer1}–{@code
   * layer4}, {@code 06} head. The target layer ({@value #RESNET18_LAYER}) has 7×7 maps for a
   * 224×224 input.
   */
  public static SequentialBlock resnet18(int numClasses) {
    SequentialBlock net = new SequentialBlock();
    net.add(
        new SequentialBlock()
            .add(conv(64, 7, 2))
            .add(batchNorm())
            .add(Activation.reluBlock())
            .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))));
    int[] channels = {64, 128, 256, 512};
    for (int stage = 0; stage < channels.length; stage++) {
      boolean downsample = stage > 0;
      net.add(
          new SequentialBlock()
              .add(basicBlock(channels[stage], downsample ? 2 : 1, downsample))
              .add(basicBlock(channels[stage], 1, false)));
    }
    net.add(
        new SequentialBlock()
            .add(Pool.globalAvgPool2dBlock())
            .add(Linear.builder().setUnits(numClasses).build()));
    return net;
  }

  /** Two 3×3 convolutions with batch norm, plus a shortcut, then ReLU of the sum. */
  private static SequentialBlock basicBlock(int channels, int stride, boolean project) {
    SequentialBlock residual =
        new SequentialBlock()
            .add(conv(channels, 3, stride))
            .add(batchNorm())
            .add(Activation.reluBlock())
            .add(conv(channels, 3, 1))
            .add(batchNorm());
    Block shortcut =
        project
            ? new SequentialBlock().add(conv(channels, 1, stride)).add(batchNorm())
            : Blocks.identityBlock();
    return new SequentialBlock()
        .add(
            new ParallelBlock(
                outputs ->
                    new NDList(
                        outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(residual, shortcut)))
        .add(Activation.reluBlock());
  }

  /** A bias-free square convolution padded to keep the size (before striding). */
  private static Conv2d conv(int channels, int kernel, int stride) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optBias(false)
        .setFilters(channels)
        .build();
  }

  private static BatchNorm batchNorm() {
    return BatchNorm.builder().optEpsilon(1e-5f).build();
  }
}
