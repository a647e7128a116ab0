package io.camaudit.cam;

import io.camaudit.image.FloatMap;
import java.util.SplittableRandom;

/**
 * Eigen-CAM (Muhammad and Yeasin, "Eigen-CAM: Class Activation Map using Principal Components",
 * IJCNN 2020): the activations projected onto their first principal component. No gradient and no
 * target: the map is the same whichever class is explained.
 *
 * <p>As in pytorch-grad-cam: the activations as a matrix {@code M} of {@code hw} rows (positions)
 * by {@code K} columns (channels), each column centred on its mean over positions; {@code v} the
 * first right singular vector of {@code M}; the map {@code ReLU(M v)} at feature resolution.
 *
 * <p>{@code v} is found by power iteration on the smaller Gram matrix: {@code M^T M} ({@code K x
 * K}) when {@code K <= hw}, giving {@code v} and {@code M v}; otherwise {@code M M^T} ({@code hw x
 * hw}), whose first eigenvector {@code u} with eigenvalue {@code s^2} gives {@code M v = s u}. The
 * iteration starts from a fixed pseudo-random vector (so the result is deterministic and the start
 * is not orthogonal to the first component for any but contrived inputs) and stops when the vector
 * changes by less than 1e-10 or after 1000 iterations. When the first two principal components have
 * (nearly) equal variance the direction is ill-defined and the iteration returns some vector of
 * their span.
 *
 * <p>Sign: a singular vector's sign is arbitrary ({@code -v} serves as well), and
 * pytorch-grad-cam's {@code EigenCAM} leaves it to LAPACK. Here the projection is negated when
 * {@code |min| > |max|}, so that its larger-magnitude extreme is positive (the sign correction of
 * pytorch-grad-cam's {@code get_2d_projection_with_sign_correction}, Eq. 13 of Chung and Ying,
 * Seg-Eigen-CAM, 2025); on a tie, so that its first non-zero value (row-major) is positive. Then
 * ReLU. Activations constant over positions (every column centred to 0) give a map of zeros.
 */
public final class EigenCam implements CamMethod {

  private static final int MAX_ITERATIONS = 1000;
  private static final double TOLERANCE = 1e-10;
  private static final long START_SEED = 0x5EEDCA3L;

  @Override
  public String name() {
    return "eigencam";
  }

  @Override
  public FloatMap map(LayerTrace trace) {
    double[] projection = projection(trace);
    float[] values = new float[projection.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.max(projection[i], 0.0);
    }
    return new FloatMap(trace.height(), trace.width(), values);
  }

  /** {@code M v}, sign-corrected, before the ReLU; for the tests in this package. */
  static double[] projection(LayerTrace trace) {
    int area = trace.area();
    int channels = trace.channels();
    double[][] centred = new double[channels][area]; // column k of M, per channel
    for (int k = 0; k < channels; k++) {
      double mean = 0;
      boolean constant = true;
      for (int i = 0; i < area; i++) {
        centred[k][i] = trace.activation(k, i);
        mean += centred[k][i];
        constant &= centred[k][i] == centred[k][0];
      }
      mean /= area;
      for (int i = 0; i < area; i++) {
        centred[k][i] = constant ? 0 : centred[k][i] - mean; // exactly 0, not rounding noise
      }
    }
    double[] projection = new double[area];
    if (channels <= area) {
      double[][] gram = new double[channels][channels]; // M^T M
      for (int a = 0; a < channels; a++) {
        for (int b = a; b < channels; b++) {
          double dot = dot(centred[a], centred[b]);
          gram[a][b] = dot;
          gram[b][a] = dot;
        }
      }
      double[] v = firstEigenvector(gram);
      if (v == null) {
        return projection;
      }
      for (int k = 0; k < channels; k++) {
        for (int i = 0; i < area; i++) {
          projection[i] += centred[k][i] * v[k];
        }
      }
    } else {
      double[][] gram = new double[area][area]; // M M^T
      for (int k = 0; k < channels; k++) {
        double[] column = centred[k];
        for (int i = 0; i < area; i++) {
          for (int j = i; j < area; j++) {
            gram[i][j] += column[i] * column[j];
          }
        }
      }
      for (int i = 0; i < area; i++) {
        for (int j = 0; j < i; j++) {
          gram[i][j] = gram[j][i];
        }
      }
      double[] u = firstEigenvector(gram);
      if (u == null) {
        return projection;
      }
      double singular = Math.sqrt(Math.max(dot(u, multiply(gram, u)), 0.0));
      for (int i = 0; i < area; i++) {
        projection[i] = singular * u[i];
      }
    }
    correctSign(projection);
    return projection;
  }

  /** Unit eigenvector of the largest eigenvalue of a symmetric PSD matrix; null for 0. */
  private static double[] firstEigenvector(double[][] gram) {
    int n = gram.length;
    SplittableRandom random = new SplittableRandom(START_SEED);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble(-1.0, 1.0);
    }
    normalise(v);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] next = multiply(gram, v);
      if (normalise(next) == 0) {
        return null;
      }
      double change = 0;
      for (int i = 0; i < n; i++) {
        double d = next[i] - v[i];
        change += d * d;
      }
      v = next;
      if (Math.sqrt(change) < TOLERANCE) {
        break;
      }
    }
    return v;
  }

  private static void correctSign(double[] projection) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double first = 0;
    for (double p : projection) {
      min = Math.min(min, p);
      max = Math.max(max, p);
      if (first == 0) {
        first = p;
      }
    }
    boolean flip = Math.abs(min) > Math.abs(max) || (Math.abs(min) == Math.abs(max) && first < 0);
    if (flip) {
      for (int i = 0; i < projection.length; i++) {
        projection[i] = -projection[i];
      }
    }
  }

  private static double[] multiply(double[][] matrix, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = dot(matrix[i], v);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Scales {@code v} to unit length and returns its former length (0 leaves it as it is). */
  private static double normalise(double[] v) {
    double norm = Math.sqrt(dot(v, v));
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
    }
    return norm;
  }
}
