package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Every call this project makes into DJL's PyTorch internals ({@code ai.djl.pytorch.jni}), which
 * DJL does not promise to keep: the only file that imports them, so a DJL upgrade is checked here
 * and in {@code TorchInternalsTest}. Each is used because DJL's public API lacks it:
 *
 * <ul>
 *   <li>grad mode per thread: DJL's {@code GradientCollector} switches recording JVM-wide and
 *       refuses a second collector ("already collecting"), so concurrent Spark task threads need
 *       libtorch's own per-thread flag;
 *   <li>backward with a seed: one backward of a batch's logits with a one-hot seed gives each image
 *       the gradient of its own target, without a collector;
 *   <li>a TorchScript module's method names (no public way to list them); calling one outside
 *       inference mode, whose outputs cannot be differentiated, without switching the module to
 *       training mode as the public {@code forward(.., training = true)} does (batch normalisation
 *       must stay in eval); loading with trainable parameters, as inference tensors cannot be saved
 *       for backward;
 *   <li>libtorch's thread counts, which the public API does not expose.
 * </ul>
 *
 * <p>Call {@link TorchEngine#get()} before any of these.
 */
final class TorchInternals {

  /** The input name by which DJL's forward selects a TorchScript method. */
  private static final String METHOD_SELECTOR = "module_method:";

  private TorchInternals() {}

  /** Whether libtorch records operations for autograd on the calling thread. */
  static boolean isGradMode() {
    return JniUtils.isGradMode();
  }

  /** Switches autograd recording for the calling thread only. */
  static void setGradMode(boolean enabled) {
    JniUtils.setGradMode(enabled);
  }

  /**
   * Backpropagates {@code seed} (the gradient of some scalar with respect to {@code output}) into
   * every leaf that requires gradient; the graph is freed afterwards.
   */
  static void backward(NDArray output, NDArray seed) {
    JniUtils.backward((PtNDArray) output, (PtNDArray) seed, false, false);
  }

  /**
   * Loads a TorchScript file with trainable (non-inference) parameters, mapped onto the manager's
   * device.
   */
  static PtSymbolBlock loadModule(NDManager manager, Path file) {
    String[] none = new String[0];
    return JniUtils.loadModule((PtNDManager) manager, file, true, none, none, true);
  }

  /** The names of the methods a TorchScript module exports. */
  static List<String> methodNames(PtSymbolBlock module) {
    return Arrays.asList(JniUtils.getMethodNames(module));
  }

  /**
   * Calls {@code module.method(inputs...)} and returns its outputs (a tensor list is flattened).
   * Arrays named {@code name[]} are passed together as one {@code List[Tensor]} argument.
   *
   * @param outsideInferenceMode true to run it so that its output can be differentiated (DJL's
   *     training call path; the module itself is not switched to training mode)
   */
  static NDList callMethod(
      PtSymbolBlock module, String method, NDList inputs, boolean outsideInferenceMode) {
    try (NDArray selector = inputs.head().getManager().create(0f)) {
      selector.setName(METHOD_SELECTOR + method);
      NDList withSelector = new NDList(inputs);
      withSelector.add(selector);
      return IValueUtils.forward(module, withSelector, outsideInferenceMode);
    }
  }

  /** libtorch's intra-op threads for the calling thread. */
  static int numThreads() {
    return JniUtils.getNumThreads();
  }

  /** Sets libtorch's intra-op threads for the calling thread. */
  static void setNumThreads(int threads) {
    JniUtils.setNumThreads(threads);
  }

  /** libtorch's inter-op threads, fixed when the engine started. */
  static int numInteropThreads() {
    return JniUtils.getNumInteropThreads();
  }
}
