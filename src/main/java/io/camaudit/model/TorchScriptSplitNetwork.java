package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.List;

/**
 * A TorchScript module that exports the methods {@code features(x)} and {@code head(a)} (see
 * {@code docs/torchscript.md} and {@code scripts/export_torchscript.py}).
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
    List<String> methods = Arrays.asList(JniUtils.getMethodNames(module));
    if (!methods.contains(FEATURES) || !methods.contains(HEAD)) {
      throw new IllegalArgumentException(
          "Invalid TorchScript model: expected exported methods 'features' and 'head', found "
              + methods + "; export it with scripts/export_torchscript.py");
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
    NDArray activations = call(FEATURES, input, false);
    NDArray plain = activations.duplicate();
    activations.close();
    return plain;
  }

  @Override
  public NDArray head(NDArray activations) {
    return call(HEAD, activations, true);
  }

  private NDArray call(String method, NDArray input, boolean outsideInferenceMode) {
    NDArray selector = input.getManager().create(0f);
    selector.setName("module_method:" + method);
    NDList output = IValueUtils.forward(module, new NDList(input, selector), outsideInferenceMode);
    selector.close();
    return output.singletonOrThrow();
  }

  @Override
  public void close() {
    manager.close();
  }
}
