package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * A network cut at its target layer: {@code features(x) -> A} and {@code head(A) -> logits}.
 *
 * <p>Implementations only run the two halves; recording gradients is the caller's business ({@link
 * GradientCamModel}). Both halves must be callable from several threads at once.
 */
interface SplitNetwork extends AutoCloseable {

  /** The manager that owns the weights; batch managers are made under it. */
  NDManager manager();

  /**
   * Runs the layers up to and including the target layer. Element 0 is the layer's output {@code
   * A}, a plain tensor that can be marked as requiring gradient; any further elements are context
   * the head needs besides {@code A} (values from before the layer, such as a transformer block's
   * residual input), of which no gradient is asked.
   */
  NDList features(NDArray input);

  /** The precision {@link #features} computes in. */
  default Precision precision() {
    return Precision.FP32;
  }

  /**
   * The layer's output {@code A} computed in float32, for {@link PrecisionCheck} of a network whose
   * {@link #features} compute in a lower {@link #precision}; a float32 network returns {@link
   * #features}' own.
   */
  default NDArray float32Features(NDArray input) {
    return features(input).get(0);
  }

  /**
   * Runs the layers after the target layer on {@code A} and the context, as {@link #features}
   * returned them (with {@code A} possibly replaced), returning logits {@code [N, C]}.
   */
  NDArray head(NDList activations);

  @Override
  void close();
}
