package io.camaudit.cam;

/** Target selection and score helpers shared by every model. */
public final class Targets {

  /** Requested target meaning "the predicted class" (arg-max of the logits). */
  public static final int PREDICTED = -1;

  private Targets() {}

  /** Index of the largest of {@code length} values from {@code offset}; the first on ties. */
  public static int argMax(float[] values, int offset, int length) {
    int best = 0;
    for (int c = 1; c < length; c++) {
      if (values[offset + c] > values[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Softmax of {@code length} logits from {@code offset}: {@code exp(z_i) / sum_j exp(z_j)},
   * computed as {@code exp(z_i - max z)} so that large logits do not overflow.
   */
  public static double[] softmax(float[] logits, int offset, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double sum = 0;
    double[] p = new double[length];
    for (int i = 0; i < length; i++) {
      p[i] = Math.exp(logits[offset + i] - max);
      sum += p[i];
    }
    for (int i = 0; i < length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
