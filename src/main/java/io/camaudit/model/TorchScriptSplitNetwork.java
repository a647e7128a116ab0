package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.util.List;

/**
 * A TorchScript module that exports the methods {@code features(x)} and {@code head(a)} (see {@code
 * docs/torchscript.md} and {@code scripts/export_torchscript.py}).
 *
 * <p>{@code features} runs under PyTorch's inference mode, whose outputs cannot take part in
 * autograd, so its output is cloned into a plain tensor. {@code head} runs outside inference mode
 * (DJL's "training" call path) without switching the module to training mode, so batch
 * normalisation and dropout keep their inference behaviour.
 */
final class TorchScriptSplitNetwork implements SplitNetwork {

  private static final String FEATURES = "features";
  private static final String HEAD = "head";

  private final PtSymbolBlock module;
  private final NDManager manager;

  /**
   * Wraps a module loaded with trainable (non-inference) parameters.
   *
   * @throws IllegalArgumentException when the module lacks {@code features} or {@code head}
   */
  TorchScriptSplitNetwork(PtSymbolBlock module, NDManager manager) {
    List<String> methods = TorchInternals.methodNames(module);
    if (!methods.contains(FEATURES) || !methods.contains(HEAD)) {
      throw new IllegalArgumentException(
          "Invalid TorchScript model: expected exported methods 'features' and 'head', found "
              + methods
              + "; export it with scripts/export_torchscript.py");
    }
    module.freezeParameters(true);
    this.module = module;
    this.manager = manager;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public NDArray features(NDArray input) {
    NDArray activations = TorchInternals.callMethod(module, FEATURES, input, false);
    NDArray plain = activations.duplicate();
    activations.close();
    return plain;
  }

  @Override
  public NDArray head(NDArray activations) {
    return TorchInternals.callMethod(module, HEAD, activations, true);
  }

  @Override
  public void close() {
    manager.close();
  }
}
