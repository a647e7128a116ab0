package io.camaudit.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

  @Test
  void equalsTheDefinitionComputedPairByPair() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 60;
    int k = 3;
    double[][] points = new double[n][4];
    int[] clusters = new int[n];
    for (int i = 0; i < n; i++) {
      clusters[i] = i % k;
      for (int d = 0; d < 4; d++) {
        points[i][d] = clusters[i] + random.nextGaussian();
      }
    }
    clusters[0] = 2; // a cluster of 21 and one of 19: sizes differ
    assertEquals(bruteForce(points, clusters, k), Silhouette.of(points, clusters, k), 1e-12);
  }

  @Test
  void worksOutByHandForTwoPairsOnALine() {
    // Points 0, 1 | 3, 4, squared distances. Outer points: a = 1, b = (9 + 16) / 2 = 12.5; inner
    // points: a = 1, b = (4 + 9) / 2 = 6.5.
    double[][] points = {{0}, {1}, {3}, {4}};
    double expected = (2 * (11.5 / 12.5) + 2 * (5.5 / 6.5)) / 4;
    assertEquals(expected, Silhouette.of(points, new int[] {0, 0, 1, 1}, 2), 1e-12);
  }

  @Test
  void refusesOneCluster() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Silhouette.of(new double[][] {{0}, {1}}, new int[] {0, 0}, 1));
  }

  private static double bruteForce(double[][] points, int[] clusters, int k) {
    double total = 0;
    for (int i = 0; i < points.length; i++) {
      double[] sums = new double[k];
      int[] counts = new int[k];
      for (int j = 0; j < points.length; j++) {
        if (j != i) {
          double d = 0;
          for (int x = 0; x < points[i].length; x++) {
            d += (points[i][x] - points[j][x]) * (points[i][x] - points[j][x]);
          }
          sums[clusters[j]] += d;
          counts[clusters[j]]++;
        }
      }
      double a = sums[clusters[i]] / counts[clusters[i]];
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != clusters[i]) {
          b = Math.min(b, sums[c] / counts[c]);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / points.length;
  }
}
