package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
 *
 * <p>A module cut inside a residual block (ViT at the last block's first LayerNorm) exports {@code
 * features(x) -> [A, context...]} and {@code head(a, context)}: the context (the block's residual
 * input) is passed to the head as it is, and only {@code A} asks for a gradient.
 *
 * <p>With a lower {@link Precision} the features come from {@code features_bf16} or {@code
 * features_fp16}, which take and return float32 (docs/torchscript.md); the head is the same.
 */
final class TorchScriptSplitNetwork implements SplitNetwork {

  private static final String FEATURES = Precision.FP32.featuresMethod();
  private static final String HEAD = "head";

  /** The input name by which DJL passes arrays to TorchScript as one {@code List[Tensor]}. */
  private static final String CONTEXT_LIST = "context[]";

  private final PtSymbolBlock module;
  private final NDManager manager;
  private final Precision precision;

  /**
   * Wraps a module loaded with trainable (non-inference) parameters, computing its features in
   * {@code precision}.
   *
   * @throws IllegalArgumentException when the module lacks {@code features} or {@code head}
   * @throws UnsupportedPrecisionException when it lacks the features method of {@code precision}
   */
  TorchScriptSplitNetwork(PtSymbolBlock module, NDManager manager, Precision precision) {
    List<String> methods = TorchInternals.methodNames(module);
    if (!methods.contains(FEATURES) || !methods.contains(HEAD)) {
      throw new IllegalArgumentException(
          "Invalid TorchScript model: expected exported methods 'features' and 'head', found "
              + methods
              + "; export it with scripts/export_torchscript.py");
    }
    if (!methods.contains(precision.featuresMethod())) {
      throw new UnsupportedPrecisionException(
          precision,
          "the model has no method '" + precision.featuresMethod() + "' (it has " + methods + ")");
    }
    this.precision = precision;
    module.freezeParameters(true);
    this.module = module;
    this.manager = manager;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public NDList features(NDArray input) {
    return run(precision.featuresMethod(), input);
  }

  @Override
  public NDArray float32Features(NDArray input) {
    return run(FEATURES, input).get(0);
  }

  private NDList run(String featuresMethod, NDArray input) {
    NDList outputs = TorchInternals.callMethod(module, featuresMethod, new NDList(input), false);
    NDList plain = new NDList(outputs.size());
    for (NDArray output : outputs) {
      plain.add(output.duplicate());
      output.close();
    }
    return plain;
  }

  /** {@code head(a)}, or {@code head(a, context)} when {@code features} returned a context list. */
  @Override
  public NDArray head(NDList activations) {
    NDList inputs = new NDList(activations.size());
    inputs.add(activations.get(0));
    for (NDArray context : activations.subNDList(1)) {
      context.setName(CONTEXT_LIST);
      inputs.add(context);
    }
    return TorchInternals.callMethod(module, HEAD, inputs, true).singletonOrThrow();
  }

  @Override
  public void close() {
    manager.close();
  }
}
