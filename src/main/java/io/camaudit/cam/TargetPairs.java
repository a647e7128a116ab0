package io.camaudit.cam;

import java.util.List;

/**
 * A batch's (image, class) pairs, image by image in batch order, each image's classes in the order
 * its {@link TargetRequest} gives them.
 *
 * @param images the batch image of each pair
 * @param targets the class of each pair
 */
public record TargetPairs(int[] images, int[] targets) {

  /** Pairs. */
  public int size() {
    return images.length;
  }

  /** Pairs the requests give for a model of {@code numClasses} classes, before any forward pass. */
  public static int count(List<TargetRequest> requests, int numClasses) {
    int pairs = 0;
    for (TargetRequest request : requests) {
      pairs += request.count(numClasses);
    }
    return pairs;
  }

  /**
   * Resolves each image's request against its logits.
   *
   * @param logits {@code [N, head.logits(numClasses)]}, one row per request
   * @throws IllegalArgumentException when there is not one request per row of logits, or a named
   *     class is outside {@code [0, numClasses)}
   */
  public static TargetPairs resolve(
      List<TargetRequest> requests, float[] logits, int numClasses, Head head) {
    int perImage = head.logits(numClasses);
    if (logits.length != requests.size() * perImage) {
      throw new IllegalArgumentException(
          "Expected one target request per image: "
              + requests.size()
              + " requests for "
              + logits.length / perImage
              + " images");
    }
    int size = count(requests, numClasses);
    int[] images = new int[size];
    int[] targets = new int[size];
    int p = 0;
    for (int n = 0; n < requests.size(); n++) {
      for (int target : requests.get(n).resolve(logits, n * perImage, numClasses, head)) {
        images[p] = n;
        targets[p++] = target;
      }
    }
    return new TargetPairs(images, targets);
  }
}
