package io.camaudit.cam;

/**
 * What a {@link CamModel} returns for a batch: logits, the targets it back-propagated, and the
 * activations and gradients at the target layer, all as plain arrays.
 *
 * @param size N, images in the batch
 * @param numLogits L, logits per image ({@link Head#logits})
 * @param logits the head's pre-activation scores {@code [N, L]}
 * @param targets the class whose score was back-propagated, per image
 * @param channels K
 * @param height h of the feature maps
 * @param width w of the feature maps
 * @param activations {@code [N, K, h, w]}
 * @param gradients {@code [N, K, h, w]}, the gradient of each image's target logit
 */
public record LayerPass(
    int size,
    int numLogits,
    float[] logits,
    int[] targets,
    int channels,
    int height,
    int width,
    float[] activations,
    float[] gradients) {

  /** The trace of image {@code n}. */
  public LayerTrace trace(int n) {
    return new LayerTrace(
        channels, height, width, activations, gradients, n * channels * height * width);
  }
}
