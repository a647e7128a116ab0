package io.camaudit.model;

import ai.djl.ndarray.NDArray;
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
   * Runs the layers up to and including the target layer. The result must be a plain tensor that
   * can be marked as requiring gradient.
   */
  NDArray features(NDArray input);

  /** Runs the layers after the target layer, returning logits {@code [N, C]}. */
  NDArray head(NDArray activations);

  @Override
  void close();
}
