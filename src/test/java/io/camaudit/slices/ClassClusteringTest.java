package io.camaudit.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassClusteringTest {

  /** {@code perBlob} points around each of {@code centres}, σ 0.05, blob by blob. */
  private static List<double[]> blobs(double[][] centres, int perBlob, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> points = new ArrayList<>();
    for (double[] centre : centres) {
      for (int i = 0; i < perBlob; i++) {
        double[] p = new double[centre.length];
        for (int d = 0; d < p.length; d++) {
          p[d] = centre[d] + 0.05 * random.nextGaussian();
        }
        points.add(p);
      }
    }
    return points;
  }

  private static final double[][] THREE = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};

  @Test
  void findsThreeSeparateBlobsAsThreeClustersWithEachBlobInOne() {
    List<double[]> points = blobs(THREE, 30, 1);
    ClassClustering clustering = ClassClustering.fit(points, 42);
    assertEquals(3, clustering.clusters());
    assertTrue(clustering.silhouette() > 0.9, "silhouette " + clustering.silhouette());
    for (int blob = 0; blob < 3; blob++) {
      int first = clustering.nearest(points.get(blob * 30));
      for (int i = 1; i < 30; i++) {
        assertEquals(first, clustering.nearest(points.get(blob * 30 + i)), "blob " + blob);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameCentres() {
    List<double[]> points = blobs(THREE, 30, 2);
    double[][] a = ClassClustering.fit(points, 5).centres();
    double[][] b = ClassClustering.fit(points, 5).centres();
    for (int c = 0; c < a.length; c++) {
      assertArrayEquals(a[c], b[c]);
    }
  }

  @Test
  void fewerThanTwentyImagesAreOneClusterAtTheirMean() {
    List<double[]> points = blobs(THREE, 6, 3);
    ClassClustering clustering = ClassClustering.fit(points, 1);
    assertEquals(1, clustering.clusters());
    assertTrue(Double.isNaN(clustering.silhouette()));
    double mean = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    assertEquals(mean, clustering.centres()[0][0], 1e-12);
  }

  @Test
  void noMoreClustersThanTenImagesEachAllow() {
    // 25 points in five tight blobs: k = 2 is the most that leaves 10 per cluster on average.
    double[][] five = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 2}};
    assertEquals(2, ClassClustering.fit(blobs(five, 5, 4), 1).clusters());
  }
}
