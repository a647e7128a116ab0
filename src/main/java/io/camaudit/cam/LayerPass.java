package io.camaudit.cam;

/**
 * What a {@link CamModel} returns for a batch: logits, the targets it back-propagated, and the
 * activations and gradients at the target layer, all as plain arrays.
 *
 * @param size N, images in the batch
 * @param numClasses C, logits per image
 * @param logits pre-softmax scores {@code [N, C]}
 * @param targets the class whose logit was back-propagated, per image
 * @param channels K
 * @param height h of the feature maps
 * @param width w of the feature maps
 * @param activations {@code [N, K, h, w]}
 * @param gradients {@code [N, K, h, w]}, the gradient of each image's target logit
 */
public record LayerPass(
    int size,
    int numClasses,
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

  /** Logit of class {@code c} for image {@code n}. */
  public float logit(int n, int c) {
    return logits[n * numClasses + c];
  }
}
