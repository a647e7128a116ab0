package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A DJL {@link SequentialBlock} cut after the named child block: the children up to and including
 * it form {@code features}, the rest form {@code head}. The block runs in inference mode, so batch
 * normalisation uses its running statistics.
 */
final class BlockSplitNetwork implements SplitNetwork {

  private final NDManager manager;
  private final List<Block> featureBlocks;
  private final List<Block> headBlocks;

  /**
   * Splits an initialised block whose parameters are loaded and owned by {@code manager}.
   *
   * @throws IllegalArgumentException when no top-level child is named {@code layer}, or it is the
   *     last child (nothing left for the head)
   */
  BlockSplitNetwork(SequentialBlock block, String layer, NDManager manager) {
    this.manager = manager;
    List<String> names = new ArrayList<>();
    List<Block> children = new ArrayList<>();
    for (Pair<String, Block> child : block.getChildren()) {
      names.add(child.getKey());
      children.add(child.getValue());
    }
    int cut = names.indexOf(layer);
    if (cut < 0 || cut == children.size() - 1) {
      throw new IllegalArgumentException(
          "Invalid layer '"
              + layer
              + "': expected a top-level child block followed by at least"
              + " one more, one of "
              + names.subList(0, Math.max(0, names.size() - 1)));
    }
    block.freezeParameters(true);
    featureBlocks = List.copyOf(children.subList(0, cut + 1));
    headBlocks = List.copyOf(children.subList(cut + 1, children.size()));
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public NDList features(NDArray input) {
    return new NDList(run(featureBlocks, input));
  }

  @Override
  public NDArray head(NDList activations) {
    return run(headBlocks, activations.singletonOrThrow());
  }

  private NDArray run(List<Block> blocks, NDArray input) {
    ParameterStore parameters = new ParameterStore(input.getManager(), false);
    NDList current = new NDList(input);
    for (Block block : blocks) {
      current = block.forward(parameters, current, false);
    }
    return current.singletonOrThrow();
  }

  @Override
  public void close() {
    manager.close();
  }
}
