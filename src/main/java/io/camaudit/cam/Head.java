package io.camaudit.cam;

import java.util.Locale;

/**
 * How a classifier's logits become class probabilities and a decision ({@code "head"} in {@code
 * model.json}). The score a CAM explains is the class's logit, negated for the negative class of a
 * single-logit binary head.
 */
public enum Head {
  /** One logit per class, one class per image: softmax probabilities, the arg-max decides. */
  SOFTMAX,
  /**
   * One logit per class, any number of classes per image (multi-label): each class's probability is
   * the sigmoid of its logit, and the model predicts every class whose probability reaches {@link
   * #MULTI_LABEL_THRESHOLD}.
   */
  SIGMOID,
  /**
   * Two classes, one logit {@code z}: the second class has probability {@code sigmoid(z)}, the
   * first {@code 1 - sigmoid(z)}; the second is predicted when {@code z >= 0}. The first class's
   * score is {@code -z}.
   */
  BINARY;

  /** The probability at which a multi-label model predicts a class. */
  public static final double MULTI_LABEL_THRESHOLD = 0.5;

  /** The head's name in {@code model.json}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Logits per image for a model of {@code classes} classes. */
  public int logits(int classes) {
    return this == BINARY ? 1 : classes;
  }

  /** The logit that carries class {@code c}'s score. */
  public int logitOf(int c) {
    return this == BINARY ? 0 : c;
  }

  /** The sign of class {@code c}'s score relative to its logit: -1 for the binary negative. */
  public float signOf(int c) {
    return this == BINARY && c == 0 ? -1f : 1f;
  }

  /** Class {@code c}'s score: its logit, signed ({@link #signOf}). */
  public float score(float[] logits, int offset, int c) {
    return signOf(c) * logits[offset + logitOf(c)];
  }

  /** Class {@code c}'s probability, from an image's logits at {@code offset}. */
  public double probability(float[] logits, int offset, int classes, int c) {
    return switch (this) {
      case SOFTMAX -> Targets.softmax(logits, offset, classes)[c];
      case SIGMOID -> sigmoid(logits[offset + c]);
      case BINARY -> sigmoid(score(logits, offset, c));
    };
  }

  /** The most probable class (the first on ties). */
  public int predicted(float[] logits, int offset, int classes) {
    return this == BINARY ? (logits[offset] >= 0 ? 1 : 0) : Targets.argMax(logits, offset, classes);
  }

  /**
   * The {@code k} most probable classes, most probable first: {@link #predicted} first, then by
   * descending score, the lower index first on ties.
   */
  public int[] top(float[] logits, int offset, int classes, int k) {
    if (this == BINARY) {
      int predicted = predicted(logits, offset, classes);
      return k == 1 ? new int[] {predicted} : new int[] {predicted, 1 - predicted};
    }
    int[] top = new int[k];
    boolean[] taken = new boolean[classes];
    for (int i = 0; i < k; i++) {
      int best = -1;
      for (int c = 0; c < classes; c++) {
        if (!taken[c] && (best < 0 || logits[offset + c] > logits[offset + best])) {
          best = c;
        }
      }
      taken[best] = true;
      top[i] = best;
    }
    return top;
  }

  /** Whether the model predicts class {@code c}: the decision, or for multi-label its threshold. */
  public boolean predicts(float[] logits, int offset, int classes, int c) {
    return this == SIGMOID
        ? probability(logits, offset, classes, c) >= MULTI_LABEL_THRESHOLD
        : predicted(logits, offset, classes) == c;
  }

  /** The head named {@code value} in {@code model.json}. */
  public static Head parse(String value) {
    for (Head head : values()) {
      if (head.id().equals(value)) {
        return head;
      }
    }
    throw new IllegalArgumentException(
        "Invalid head '" + value + "': expected softmax, sigmoid or binary");
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
