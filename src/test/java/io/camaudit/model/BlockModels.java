package io.camaudit.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds models from in-memory DJL blocks with seeded random weights, for tests. */
final class BlockModels {

  private BlockModels() {}

  /** Target layer of the networks below: their first top-level child. */
  static final String LAYER = "01SequentialBlock";

  /** features: conv 3→8 + ReLU; head: global average pool + linear (a CAM network). */
  static SequentialBlock camNetwork(int classes) {
    return new SequentialBlock()
        .add(new SequentialBlock().add(conv(8)).add(Activation.reluBlock()))
        .add(
            new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build()));
  }

  /**
   * features: conv 3→6 + ReLU; head: conv 6→16, tanh, global average pool, linear. The head's
   * convolution has 16 filters, not fewer: libtorch 2.7.1's oneDNN gives wrong input gradients for
   * 4 or 8 filters on some AVX2/AVX-512 machines (docs/models.md, "Known platform issues").
   */
  static SequentialBlock nonLinearHeadNetwork(int classes) {
    return new SequentialBlock()
        .add(new SequentialBlock().add(conv(6)).add(Activation.reluBlock()))
        .add(
            new SequentialBlock()
                .add(conv(16))
                .add(Activation.tanhBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build()));
  }

  /** A batch of {@code n} square images of seeded standard-normal pixels. */
  static InputBatch randomBatch(int n, int size, long seed) {
    Random random = new Random(seed);
    float[] data = new float[n * 3 * size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return new InputBatch(n, 3, size, size, data);
  }

  /** A 3×3 convolution with padding 1. */
  static Block conv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  static GradientCamModel seeded(
      SequentialBlock block, String layer, int numClasses, int size, int seed) {
    return seeded(block, layer, numClasses, size, seed, Head.SOFTMAX);
  }

  static GradientCamModel seeded(
      SequentialBlock block, String layer, int numClasses, int size, int seed, Head head) {
    TorchEngine.get().setRandomSeed(seed);
    NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
    List<String> classes =
        IntStream.range(0, numClasses).mapToObj(c -> "class" + c).collect(Collectors.toList());
    return new GradientCamModel(
        new BlockSplitNetwork(block, layer, manager),
        classes,
        layer,
        head,
        TokenLayout.CHANNELS_FIRST);
  }
}
