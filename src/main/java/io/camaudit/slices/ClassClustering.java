package io.camaudit.slices;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * The slices of one class: k-means (k-means++ seeding, Lloyd iterations; Apache Commons Math) of
 * the class's attention signatures, with k chosen as the one of largest {@link Silhouette} among 2
 * … {@link #MAX_CLUSTERS} that leaves at least {@link #MIN_IMAGES_PER_CLUSTER} images per cluster
 * on average. Too few images for two clusters: one cluster. Seeded: equal points in equal order
 * give equal clusters.
 *
 * @param centres the cluster centres, k of them
 * @param silhouette the chosen clustering's silhouette, NaN for one cluster
 */
public record ClassClustering(double[][] centres, double silhouette) implements Serializable {

  /** The most clusters tried per class. */
  public static final int MAX_CLUSTERS = 8;

  /** Images per cluster that a k must leave on average: k ≤ n / this. */
  public static final int MIN_IMAGES_PER_CLUSTER = 10;

  private static final int MAX_ITERATIONS = 100;
  private static final long serialVersionUID = 1L;

  /** k. */
  public int clusters() {
    return centres.length;
  }

  /**
   * The clustering of {@code points} (one signature each, equal lengths), seeded by {@code seed}.
   */
  public static ClassClustering fit(List<double[]> points, long seed) {
    int largest = Math.min(MAX_CLUSTERS, points.size() / MIN_IMAGES_PER_CLUSTER);
    List<DoublePoint> wrapped = new ArrayList<>(points.size());
    for (double[] p : points) {
      wrapped.add(new DoublePoint(p));
    }
    double[][] array = points.toArray(new double[0][]);
    ClassClustering best = null;
    for (int k = 2; k <= largest; k++) {
      JDKRandomGenerator random = new JDKRandomGenerator();
      random.setSeed(seed + k);
      List<CentroidCluster<DoublePoint>> clusters =
          new KMeansPlusPlusClusterer<DoublePoint>(
                  k, MAX_ITERATIONS, new EuclideanDistance(), random)
              .cluster(wrapped);
      double[][] centres =
          clusters.stream().map(c -> c.getCenter().getPoint()).toArray(double[][]::new);
      int[] assigned = new int[array.length];
      for (int i = 0; i < array.length; i++) {
        assigned[i] = nearest(centres, array[i]);
      }
      double silhouette = Silhouette.of(array, assigned, k);
      if (best == null || silhouette > best.silhouette) {
        best = new ClassClustering(centres, silhouette);
      }
    }
    return best != null ? best : new ClassClustering(new double[][] {mean(array)}, Double.NaN);
  }

  /** The index of the centre nearest {@code point}, the lower index on a tie. */
  public int nearest(double[] point) {
    return nearest(centres, point);
  }

  /** The squared Euclidean distance from {@code point} to centre {@code c}. */
  public double squaredDistance(double[] point, int c) {
    return squaredDistance(centres[c], point);
  }

  private static int nearest(double[][] centres, double[] point) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double d = squaredDistance(centres[c], point);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  private static double squaredDistance(double[] x, double[] y) {
    double sum = 0;
    for (int d = 0; d < x.length; d++) {
      double diff = x[d] - y[d];
      sum += diff * diff;
    }
    return sum;
  }

  private static double[] mean(double[][] points) {
    double[] mean = new double[points.length == 0 ? 0 : points[0].length];
    for (double[] p : points) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += p[d] / points.length;
      }
    }
    return mean;
  }
}
