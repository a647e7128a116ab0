package io.camaudit.cam;

/**
 * What a {@link CamModel} returns for a batch: per (image, class) pair that it back-propagated, the
 * image's logits, the class, and the activations and gradients at the target layer, all as plain
 * arrays. Pairs come image by image, in batch order; with one target per image, pair {@code n} is
 * image {@code n}.
 *
 * @param size P, the (image, class) pairs
 * @param images the batch image of each pair, {@code [P]}
 * @param numLogits L, logits per image ({@link Head#logits})
 * @param logits the head's pre-activation scores of each pair's image {@code [P, L]}
 * @param targets the class whose score was back-propagated, per pair
 * @param channels K
 * @param height h of the feature maps
 * @param width w of the feature maps
 * @param activations {@code [P, K, h, w]}, each pair's image's
 * @param gradients {@code [P, K, h, w]}, the gradient of each pair's target score
 */
public record LayerPass(
    int size,
    int[] images,
    int numLogits,
    float[] logits,
    int[] targets,
    int channels,
    int height,
    int width,
    float[] activations,
    float[] gradients) {

  /** The trace of pair {@code n}. */
  public LayerTrace trace(int n) {
    return new LayerTrace(
        channels, height, width, activations, gradients, n * channels * height * width);
  }
}
