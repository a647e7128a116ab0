package io.camaudit.image;

import java.util.Arrays;

/**
 * The linear part of ROAD's noisy linear imputation: the values of the removed pixels of one
 * channel such that each is the weighted mean of its neighbours inside the image (1/6 for the four
 * sharing an edge, 1/12 for the four diagonals). Over the removed pixels that is a sparse symmetric
 * positive semi-definite system (a weighted graph Laplacian with the known pixels as boundary
 * values), solved here by Jacobi-preconditioned conjugate gradients without forming the matrix.
 */
final class NeighbourImputation {

  private static final int[] DX = {1, 0, -1, 1, 0, -1, 1, -1};
  private static final int[] DY = {1, 1, 1, -1, -1, -1, 0, 0};
  private static final double[] WEIGHT = {
    1 / 12.0, 1 / 6.0, 1 / 12.0, 1 / 12.0, 1 / 6.0, 1 / 12.0, 1 / 6.0, 1 / 6.0
  };

  /** Relative residual at which the solve stops. */
  static final double TOLERANCE = 1e-6;

  private NeighbourImputation() {}

  /**
   * Overwrites the removed pixels of {@code channel} with the solution. It starts from the mean of
   * the known pixels (0, the input normalisation's mean, when every pixel is removed), which stays
   * the answer where a connected set of removed pixels touches no known one.
   */
  static void solve(float[] channel, int height, int width, boolean[] removed) {
    int[] unknown = new int[channel.length];
    int count = 0;
    double knownSum = 0;
    for (int i = 0; i < channel.length; i++) {
      if (removed[i]) {
        unknown[count++] = i;
      } else {
        knownSum += channel[i];
      }
    }
    if (count == 0) {
      return;
    }
    int known = channel.length - count;
    double start = known > 0 ? knownSum / known : 0;
    int[] index = new int[channel.length];
    for (int k = 0; k < count; k++) {
      index[unknown[k]] = k;
    }
    LaplaceSystem system =
        new LaplaceSystem(channel, height, width, removed, unknown, count, index);
    double[] x = new double[count];
    Arrays.fill(x, start);
    system.conjugateGradients(x);
    for (int k = 0; k < count; k++) {
      channel[unknown[k]] = (float) x[k];
    }
  }

  /** {@code A x = b} over the removed pixels, A applied on the fly. */
  private static final class LaplaceSystem {
    private final int height;
    private final int width;
    private final boolean[] removed;
    private final int[] unknown;
    private final int count;
    private final int[] index;
    private final double[] diagonal;
    private final double[] b;

    LaplaceSystem(
        float[] channel,
        int height,
        int width,
        boolean[] removed,
        int[] unknown,
        int count,
        int[] index) {
      this.height = height;
      this.width = width;
      this.removed = removed;
      this.unknown = unknown;
      this.count = count;
      this.index = index;
      this.diagonal = new double[count];
      this.b = new double[count];
      for (int k = 0; k < count; k++) {
        int x = unknown[k] % width;
        int y = unknown[k] / width;
        for (int n = 0; n < DX.length; n++) {
          int nx = x + DX[n];
          int ny = y + DY[n];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
            continue;
          }
          diagonal[k] += WEIGHT[n];
          int j = ny * width + nx;
          if (!removed[j]) {
            b[k] += WEIGHT[n] * channel[j];
          }
        }
      }
    }

    /** {@code out = A v}: each unknown's weight sum times it, less its removed neighbours. */
    private void apply(double[] v, double[] out) {
      for (int k = 0; k < count; k++) {
        int x = unknown[k] % width;
        int y = unknown[k] / width;
        double sum = diagonal[k] * v[k];
        for (int n = 0; n < DX.length; n++) {
          int nx = x + DX[n];
          int ny = y + DY[n];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
            continue;
          }
          int j = ny * width + nx;
          if (removed[j]) {
            sum -= WEIGHT[n] * v[index[j]];
          }
        }
        out[k] = sum;
      }
    }

    void conjugateGradients(double[] x) {
      double[] r = new double[count];
      double[] z = new double[count];
      double[] p = new double[count];
      double[] ap = new double[count];
      apply(x, ap);
      double bNorm = 0;
      for (int k = 0; k < count; k++) {
        r[k] = b[k] - ap[k];
        bNorm += b[k] * b[k];
      }
      double stop = TOLERANCE * TOLERANCE * Math.max(bNorm, 1e-30);
      double rz = precondition(r, z);
      System.arraycopy(z, 0, p, 0, count);
      for (int iteration = 0; iteration < 10 * count && norm2(r) > stop; iteration++) {
        apply(p, ap);
        double pap = dot(p, ap);
        if (pap <= 0) {
          return; // only where the start already solves it: no direction left
        }
        double alpha = rz / pap;
        for (int k = 0; k < count; k++) {
          x[k] += alpha * p[k];
          r[k] -= alpha * ap[k];
        }
        double next = precondition(r, z);
        double beta = next / rz;
        rz = next;
        for (int k = 0; k < count; k++) {
          p[k] = z[k] + beta * p[k];
        }
      }
    }

    private double precondition(double[] r, double[] z) {
      double rz = 0;
      for (int k = 0; k < count; k++) {
        z[k] = diagonal[k] > 0 ? r[k] / diagonal[k] : 0;
        rz += r[k] * z[k];
      }
      return rz;
    }

    private static double dot(double[] a, double[] b) {
      double sum = 0;
      for (int k = 0; k < a.length; k++) {
        sum += a[k] * b[k];
      }
      return sum;
    }

    private static double norm2(double[] a) {
      return dot(a, a);
    }
  }
}
