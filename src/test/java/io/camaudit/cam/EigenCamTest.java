package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eigen-CAM: first principal component of the centred activations, sign-corrected, ReLU. */
class EigenCamTest {

  /** Channel k is {@code scale[k] * pattern + offset[k]}: rank 1 once centred. */
  private static LayerTrace rankOne(float[] pattern, float[] scale, float[] offset) {
    float[][] channels = new float[scale.length][pattern.length];
    for (int k = 0; k < scale.length; k++) {
      for (int i = 0; i < pattern.length; i++) {
        channels[k][i] = scale[k] * pattern[i] + offset[k];
      }
    }
    return Traces.of(2, 3, channels, null);
  }

  private static float norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return (float) Math.sqrt(sum);
  }

  @Test
  void rankOneActivationsGiveTheirCentredPatternWithFewChannels() {
    // K = 2 <= hw = 6: power iteration on M^T M. Pattern mean 1, centred (-1, .., -1, 5); the
    // projection is |c| times it, its max 5 beats |min| 1 so it stays positive.
    float[] scale = {2, -1};
    LayerTrace trace = rankOne(new float[] {0, 0, 0, 0, 0, 6}, scale, new float[] {0, 0});
    float s = norm(scale);
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 5 * s}, new EigenCam().map(trace).values(), 1e-5f);
    assertArrayEquals(new double[] {-s, -s, -s, -s, -s, 5 * s}, EigenCam.projection(trace), 1e-5);
  }

  @Test
  void rankOneActivationsGiveTheirCentredPatternWithManyChannels() {
    // K = 8 > hw = 6: power iteration on M M^T, projection = singular value times u
    float[] scale = {1, 2, -1, 0.5f, 3, -2, 1, 1};
    float[] offset = {1, -3, 0, 7, 0.5f, 2, 2, -1};
    LayerTrace trace = rankOne(new float[] {0, 0, 0, 0, 0, 6}, scale, offset);
    float s = norm(scale); // sqrt(21.25)
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 5 * s}, new EigenCam().map(trace).values(), 1e-4f);
  }

  @Test
  void signIsFlippedWhenTheMinimumIsLargerInMagnitude() {
    // centred pattern (1, .., 1, -5): |min| > |max|, so the projection is negated
    float[] scale = {1, 1, 1};
    LayerTrace trace = rankOne(new float[] {6, 6, 6, 6, 6, 0}, scale, new float[] {0, 1, 2});
    float s = norm(scale);
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 5 * s}, new EigenCam().map(trace).values(), 1e-5f);
  }

  @Test
  void onATieTheFirstNonZeroValueIsPositive() {
    // centred pattern (0, -1, 1, 0, 0, 0): |min| = |max|
    LayerTrace flat =
        rankOne(new float[] {0, -1, 1, 0, 0, 0}, new float[] {-3, 4}, new float[] {0, 0});
    assertArrayEquals(new float[] {0, 5, 0, 0, 0, 0}, new EigenCam().map(flat).values(), 1e-5f);
  }

  @Test
  void followsTheComponentOfLargestVarianceAndIgnoresGradients() {
    // centred channels (4, -2, -2, 0, 0, 0) and (0, 0, 0, 1, 1, -2) are orthogonal, with
    // squared norms 24 and 6: M^T M = diag(24, 6), v = e0, projection = channel 0 centred
    float[][] activations = {{9, 3, 3, 5, 5, 5}, {2, 2, 2, 3, 3, 0}};
    float[][] negative = {{-1, -1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, -1}};
    LayerTrace trace = Traces.of(2, 3, activations, negative);
    assertArrayEquals(new float[] {4, 0, 0, 0, 0, 0}, new EigenCam().map(trace).values(), 1e-5f);
    assertArrayEquals(new float[6], new GradCam().map(trace).values(), "Grad-CAM: all zero");
  }

  @Test
  void constantActivationsGiveZeros() {
    LayerTrace trace =
        Traces.of(
            2, 3, new float[][] {{0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, {3, 3, 3, 3, 3, 3}}, null);
    assertArrayEquals(new float[6], new EigenCam().map(trace).values());
  }

  @Test
  void twoChannelsMatchTheClosedFormEigenvector() {
    Random random = new Random(3);
    float[][] activations = new float[2][6];
    for (float[] channel : activations) {
      for (int i = 0; i < 6; i++) {
        channel[i] = (float) random.nextGaussian();
      }
    }
    double[][] m = new double[2][6];
    for (int k = 0; k < 2; k++) {
      double mean = 0;
      for (float a : activations[k]) {
        mean += a / 6.0;
      }
      for (int i = 0; i < 6; i++) {
        m[k][i] = activations[k][i] - mean;
      }
    }
    double a = dot(m[0], m[0]);
    double b = dot(m[0], m[1]);
    double d = dot(m[1], m[1]);
    // largest eigenvalue of [[a, b], [b, d]] and its eigenvector (b, lambda - a)
    double lambda = (a + d) / 2 + Math.sqrt((a - d) * (a - d) / 4 + b * b);
    double v0 = b;
    double v1 = lambda - a;
    double length = Math.hypot(v0, v1);
    double[] expected = new double[6];
    double min = 0;
    double max = 0;
    for (int i = 0; i < 6; i++) {
      expected[i] = (m[0][i] * v0 + m[1][i] * v1) / length;
      min = Math.min(min, expected[i]);
      max = Math.max(max, expected[i]);
    }
    if (-min > max) {
      for (int i = 0; i < 6; i++) {
        expected[i] = -expected[i];
      }
    }
    assertArrayEquals(expected, EigenCam.projection(Traces.of(2, 3, activations, null)), 1e-5);
  }

  @Test
  void manyChannelsGiveTheTopEigenvectorOfThePositionGram() {
    // K = 9 > hw = 6: p must satisfy (M M^T) p = |p|^2 p with |p|^2 the largest eigenvalue
    Random random = new Random(8);
    float[][] activations = new float[9][6];
    double[][] m = new double[6][9];
    for (int k = 0; k < 9; k++) {
      double mean = 0;
      for (int i = 0; i < 6; i++) {
        activations[k][i] = (float) random.nextGaussian();
        mean += activations[k][i] / 6.0;
      }
      for (int i = 0; i < 6; i++) {
        m[i][k] = activations[k][i] - mean;
      }
    }
    double[] p = EigenCam.projection(Traces.of(2, 3, activations, null));
    double lambda = dot(p, p);
    double[] gp = new double[6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        gp[i] += dot(m[i], m[j]) * p[j];
      }
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(lambda * p[i], gp[i], 1e-6 * lambda, "G p = lambda p at " + i);
    }
    for (int trial = 0; trial < 200; trial++) {
      double[] x = new double[6];
      for (int i = 0; i < 6; i++) {
        x[i] = random.nextGaussian();
      }
      double quotient = 0;
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          quotient += x[i] * dot(m[i], m[j]) * x[j];
        }
      }
      assertTrue(quotient / dot(x, x) <= lambda * (1 + 1e-9), "lambda is the largest");
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
