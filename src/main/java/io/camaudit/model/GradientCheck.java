package io.camaudit.model;

/**
 * The gradient that Grad-CAM weights its maps with, checked against a central finite difference of
 * the same score: with {@code g} the gradient of the target score {@code s} at the layer's output
 * {@code A} and {@code u = g / |g|}, the derivative of {@code s} along {@code u} is {@code |g|},
 * and {@code (s(A + h u) - s(A - h u)) / 2h} must agree with it. A wrong backward pass (libtorch
 * 2.7.1's oneDNN returns about half the input gradient of small convolutions on some AVX-512 CPUs:
 * docs/models.md) fails this by far more than rounding or curvature do.
 *
 * @param backward {@code |g|}, from the backward pass
 * @param finiteDifference the central difference along {@code u}
 * @param step {@code h}
 */
record GradientCheck(double backward, double finiteDifference, double step) {

  /** The largest relative difference accepted between the two derivatives. */
  static final double TOLERANCE = 0.05;

  /** Steps tried, relative to {@code |A|}: a second, smaller one when a kink spoils the first. */
  static final double[] RELATIVE_STEPS = {1e-3, 1e-4};

  /** {@code |finiteDifference - backward| / max(|finiteDifference|, |backward|)}; NaN stays NaN. */
  double relativeError() {
    double scale = Math.max(Math.abs(finiteDifference), Math.abs(backward));
    return scale == 0 ? 0 : Math.abs(finiteDifference - backward) / scale;
  }

  /** Whether the backward pass agrees with the finite difference within {@link #TOLERANCE}. */
  boolean passed() {
    return relativeError() <= TOLERANCE;
  }
}
