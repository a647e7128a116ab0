package io.camaudit.slices;

/**
 * The mean silhouette of a clustering under squared Euclidean distance, the measure Spark MLlib's
 * {@code ClusteringEvaluator} uses by default (Rousseeuw 1987): per point, {@code (b − a) / max(a,
 * b)} with {@code a} its mean squared distance to the other members of its cluster and {@code b}
 * the smallest mean squared distance to another cluster's members; 0 for a point alone in its
 * cluster. Exact, in O(n·k·d): a cluster's summed squared distances to {@code x} are {@code
 * |C|·‖x‖² − 2·x·ΣC + Σ‖y‖²}.
 */
public final class Silhouette {

  private Silhouette() {}

  /**
   * The mean silhouette of {@code points} in {@code clusters} (0 … k−1, every cluster non-empty).
   *
   * @throws IllegalArgumentException for fewer than two clusters
   */
  public static double of(double[][] points, int[] clusters, int k) {
    if (k < 2) {
      throw new IllegalArgumentException("Silhouette needs at least 2 clusters, got " + k);
    }
    int dimensions = points[0].length;
    double[][] sums = new double[k][dimensions];
    double[] squares = new double[k];
    long[] sizes = new long[k];
    for (int i = 0; i < points.length; i++) {
      int c = clusters[i];
      sizes[c]++;
      squares[c] += dot(points[i], points[i]);
      for (int d = 0; d < dimensions; d++) {
        sums[c][d] += points[i][d];
      }
    }
    double total = 0;
    for (int i = 0; i < points.length; i++) {
      double[] x = points[i];
      int own = clusters[i];
      if (sizes[own] < 2) {
        continue;
      }
      double norm = dot(x, x);
      double a = 0;
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (sizes[c] == 0) {
          continue;
        }
        double summed = Math.max(0, sizes[c] * norm - 2 * dot(x, sums[c]) + squares[c]);
        if (c == own) {
          a = summed / (sizes[c] - 1);
        } else {
          b = Math.min(b, summed / sizes[c]);
        }
      }
      double larger = Math.max(a, b);
      total += larger > 0 ? (b - a) / larger : 0;
    }
    return total / points.length;
  }

  private static double dot(double[] x, double[] y) {
    double sum = 0;
    for (int d = 0; d < x.length; d++) {
      sum += x[d] * y[d];
    }
    return sum;
  }
}
