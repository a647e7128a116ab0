package io.camaudit.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds models from in-memory DJL blocks with seeded random weights, for tests. */
final class BlockModels {

  private BlockModels() {}

  static GradientCamModel seeded(SequentialBlock block, String layer, int numClasses, int size,
      int seed) {
    Engine.getEngine(ModelLoader.ENGINE).setRandomSeed(seed);
    NDManager manager = NDManager.newBaseManager(Device.cpu(), ModelLoader.ENGINE);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
    List<String> classes =
        IntStream.range(0, numClasses).mapToObj(c -> "class" + c).collect(Collectors.toList());
    return new GradientCamModel(new BlockSplitNetwork(block, layer, manager), classes, layer);
  }
}
