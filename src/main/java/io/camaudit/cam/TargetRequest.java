package io.camaudit.cam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classes one image explains: classes named before the forward pass (its labels, its boxes'
 * labels), or the model's {@code k} most probable classes, chosen from its logits after the forward
 * pass ({@link #predicted()} is the most probable one). How many classes a request gives is known
 * before the forward pass ({@link #count}), so a batch's (image, class) pairs can be laid out
 * ahead.
 */
public final class TargetRequest {

  private static final TargetRequest PREDICTED = new TargetRequest(null, 1);

  /** The named classes in explanation order; null for the model's top {@link #topK}. */
  private final int[] named;

  private final int topK;

  private TargetRequest(int[] named, int topK) {
    this.named = named;
    this.topK = topK;
  }

  /**
   * The named classes, in this order.
   *
   * @throws IllegalArgumentException when none is given, one is negative or one is repeated
   */
  public static TargetRequest classes(int... classes) {
    if (classes.length == 0) {
      throw new IllegalArgumentException("Expected at least one target class, got none");
    }
    if (Arrays.stream(classes).anyMatch(c -> c < 0)
        || Arrays.stream(classes).distinct().count() != classes.length) {
      throw new IllegalArgumentException(
          "Invalid target classes " + Arrays.toString(classes) + ": expected distinct indices");
    }
    return new TargetRequest(classes.clone(), 0);
  }

  /** The class the head predicts ({@link Head#predicted}). */
  public static TargetRequest predicted() {
    return PREDICTED;
  }

  /**
   * The {@code k} most probable classes, most probable first (all of them when the model has fewer:
   * {@link #count}).
   *
   * @throws IllegalArgumentException when {@code k < 1}
   */
  public static TargetRequest topK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("Invalid top k (expected >= 1): " + k);
    }
    return k == 1 ? PREDICTED : new TargetRequest(null, k);
  }

  /**
   * The request that {@code requested} meant in the single-target form: a class index, or {@link
   * Targets#PREDICTED}.
   */
  public static TargetRequest of(int requested) {
    return requested == Targets.PREDICTED ? PREDICTED : classes(requested);
  }

  /** One request per image from the single-target form ({@link #of}). */
  public static List<TargetRequest> each(int[] requested) {
    List<TargetRequest> requests = new ArrayList<>(requested.length);
    for (int target : requested) {
      requests.add(of(target));
    }
    return requests;
  }

  /** Classes this request gives for a model of {@code numClasses} classes. */
  public int count(int numClasses) {
    return named != null ? named.length : Math.min(topK, numClasses);
  }

  /** Whether the classes come from the model's logits rather than from the image's annotations. */
  public CamResult.TargetSource source() {
    return named != null ? CamResult.TargetSource.LABEL : CamResult.TargetSource.PREDICTED;
  }

  /**
   * The classes to explain for an image whose logits start at {@code offset}.
   *
   * @throws IllegalArgumentException when a named class is outside {@code [0, numClasses)}
   */
  public int[] resolve(float[] logits, int offset, int numClasses, Head head) {
    if (named == null) {
      return head.top(logits, offset, numClasses, count(numClasses));
    }
    for (int c : named) {
      if (c >= numClasses) {
        throw new IllegalArgumentException(
            "Invalid target class " + c + " (model has " + numClasses + " classes)");
      }
    }
    return named.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetRequest r && topK == r.topK && Arrays.equals(named, r.named);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(named) + topK;
  }

  @Override
  public String toString() {
    return named != null ? "classes" + Arrays.toString(named) : "top " + topK;
  }
}
