package io.camaudit.model;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The target layer's output computed in a lower {@link Precision}, checked against the same output
 * in float32 on the same input: their Pearson correlation, and their largest difference as a share
 * of the float32 output's largest magnitude. Right bfloat16 features agree to about r = 0.99995 and
 * 1.5% (float16 to a tenth of that); libtorch 2.7.1's oneDNN computes bfloat16 convolutions with 8
 * output channels wrongly on some AVX-512 CPUs (the Swin test fixture: r = 0.84, 108%;
 * docs/models.md), which fails this by far.
 *
 * @param precision the lower precision checked
 * @param correlation Pearson's r of the two outputs, NaN when either is constant or not finite
 * @param largestDifference {@code max |lower - float32| / max |float32|}
 */
record PrecisionCheck(Precision precision, double correlation, double largestDifference) {

  /** The least correlation accepted. */
  static final double MIN_CORRELATION = 0.999;

  /** The largest difference accepted, as a share of the float32 output's largest magnitude. */
  static final double MAX_DIFFERENCE = 0.1;

  /** Compares {@code lower}, computed in {@code precision}, with {@code float32}. */
  static PrecisionCheck of(Precision precision, float[] float32, float[] lower) {
    if (float32.length != lower.length || float32.length < 2) {
      throw new IllegalArgumentException(
          "Outputs of " + float32.length + " and " + lower.length + " values cannot be compared");
    }
    double[] reference = new double[float32.length];
    double[] computed = new double[lower.length];
    double largest = 0;
    double difference = 0;
    for (int i = 0; i < reference.length; i++) {
      reference[i] = float32[i];
      computed[i] = lower[i];
      largest = Math.max(largest, Math.abs(reference[i]));
      // NaN propagates: a non-finite output is a disagreement.
      double d = Math.abs(computed[i] - reference[i]);
      difference =
          Double.isNaN(d) || Double.isNaN(difference) ? Double.NaN : Math.max(difference, d);
    }
    double correlation = new PearsonsCorrelation().correlation(reference, computed);
    return new PrecisionCheck(precision, correlation, difference / largest);
  }

  /** Whether the two outputs agree: both figures within their bounds (NaN fails). */
  boolean passed() {
    return correlation >= MIN_CORRELATION && largestDifference <= MAX_DIFFERENCE;
  }
}
