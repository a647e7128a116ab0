package io.camaudit.cam;

import java.util.List;

/**
 * A classifier split at a target layer into {@code features(x) -> A} and {@code head(A) -> logits},
 * able to return {@code A} and the gradient of chosen logits at {@code A}.
 *
 * <p>Implementations must be safe to call from several threads at once: Spark runs one task per
 * core against the one model its executor loaded.
 */
public interface CamModel extends AutoCloseable {

  /** Class names, in logit order. */
  List<String> classes();

  /** How the logits become probabilities and a decision; softmax unless the model says. */
  default Head head() {
    return Head.SOFTMAX;
  }

  /** Name of the layer whose activations are {@code A}. */
  String layer();

  /**
   * Runs the batch forward once and back-propagates, for each (image, class) pair separately, the
   * class's score ({@link Head#score}: the pre-activation logit, negated for a binary head's
   * negative class) to the target layer. The classes of one image share its forward pass.
   *
   * @param batch the preprocessed images
   * @param requests per image, the classes it explains
   */
  LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests);

  /**
   * {@link #forwardBackward(InputBatch, List)} with one target per image.
   *
   * @param requestedTargets one class index per image, or {@link Targets#PREDICTED} for the class
   *     the head predicts
   */
  default LayerPass forwardBackward(InputBatch batch, int[] requestedTargets) {
    return forwardBackward(batch, TargetRequest.each(requestedTargets));
  }

  /** Runs the batch forward only and returns the logits {@code [N, head().logits(C)]}. */
  float[] predict(InputBatch batch);

  @Override
  void close();
}
