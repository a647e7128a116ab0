package io.camaudit.nightly;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values ("Controlling the false discovery rate", J. R. Stat. Soc. B,
 * 1995): {@code q_(i) = min over j ≥ i of (m / j) · p_(j)} over the p-values in ascending order, at
 * most 1. Rejecting every hypothesis with {@code q ≤ α} is the step-up procedure at level α, which
 * keeps the expected share of false discoveries among the rejected at most α for independent or
 * positively dependent tests.
 */
public final class FalseDiscoveryRate {

  private FalseDiscoveryRate() {}

  /** The adjusted p-values of {@code p}, in the same order. */
  public static double[] adjust(double[] p) {
    int m = p.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] q = new double[m];
    double smallest = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      smallest = Math.min(smallest, p[i] * m / rank);
      q[i] = smallest;
    }
    return q;
  }
}
