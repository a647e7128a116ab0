package io.camaudit.metrics;

import io.camaudit.image.FloatMap;
import io.camaudit.image.MetricsGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The connected regions of a thresholded map: for a relative threshold {@code tau} in (0, 1], the
 * 8-connected components of the pixels whose value is at least {@code tau * max} (computed in
 * double precision). A map whose maximum is 0 has no regions.
 *
 * <p>The map may be a picture sampled on a {@link MetricsGrid} coarser than the image: its cells
 * are then labelled, a region's box covers its cells in original pixel coordinates, its pixel count
 * is its cells' area in original pixels, rounded, and {@code max} is the picture's maximum at full
 * resolution.
 *
 * <p>Regions come largest first (by pixel count); equal sizes keep the order in which a row-major
 * scan meets their first pixel. All thresholds are labelled in one pass: pixels are added from the
 * highest threshold down, joining their labelled neighbours (union-find with union by size and path
 * halving), and the components are read off after each threshold's pixels are in: O(pixels) for the
 * whole ladder rather than per threshold.
 */
public final class ThresholdRegions {

  /** Larger maps (full-resolution pictures) get arrays of their own, not kept. */
  private static final int KEPT_CELLS = 1 << 20;

  private static final ThreadLocal<Workspace> WORKSPACE =
      ThreadLocal.withInitial(() -> new Workspace(0));

  /** The arrays of {@link Labels}, for maps of up to as many cells as they hold. */
  private static final class Workspace {
    final int[] parent;
    final int[] size;
    final int[] first;
    final int[] minX;
    final int[] maxX;
    final int[] minY;
    final int[] maxY;
    final double[] energy;
    final int[] roots;
    final int[] rootSlot;

    Workspace(int cells) {
      parent = new int[cells];
      size = new int[cells];
      first = new int[cells];
      minX = new int[cells];
      maxX = new int[cells];
      minY = new int[cells];
      maxY = new int[cells];
      energy = new double[cells];
      roots = new int[cells];
      rootSlot = new int[cells];
    }
  }

  private static final Comparator<int[]> LARGEST_FIRST =
      Comparator.<int[]>comparingInt(r -> -r[0]).thenComparingInt(r -> r[1]);

  private final FloatMap map;
  private final MetricsGrid grid;
  private final double max;
  private final double sum;

  /** Prepares to label {@code map} (non-negative, at image resolution). */
  ThresholdRegions(FloatMap map) {
    this(map, MetricsGrid.full(map.width(), map.height()), map.max());
  }

  /**
   * Prepares to label {@code gridMap}, a picture sampled on {@code grid}, with thresholds relative
   * to {@code max}, the picture's maximum.
   */
  ThresholdRegions(FloatMap gridMap, MetricsGrid grid, double max) {
    this.map = gridMap;
    this.grid = grid;
    this.max = max;
    this.sum = gridMap.sum();
  }

  /** The regions of {@code map} at relative threshold {@code tau}, largest first. */
  public static List<Region> of(FloatMap map, double tau) {
    return new ThresholdRegions(map).ladder(new double[] {tau}).get(0);
  }

  /** Checks that {@code tau} is a relative threshold in (0, 1]. */
  static void checkTau(double tau) {
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("Invalid threshold tau (expected 0 < tau <= 1): " + tau);
    }
  }

  /** The regions at each of {@code taus} (any order), largest first. */
  List<List<Region>> ladder(double[] taus) {
    List<List<Region>> ladder = new ArrayList<>();
    for (double tau : taus) {
      checkTau(tau);
      ladder.add(List.of());
    }
    if (max <= 0) {
      return ladder;
    }
    Integer[] highestFirst = new Integer[taus.length];
    for (int t = 0; t < taus.length; t++) {
      highestFirst[t] = t;
    }
    Arrays.sort(highestFirst, Comparator.comparingDouble(t -> -taus[t]));
    double[] cutoffs = new double[taus.length];
    for (int k = 0; k < taus.length; k++) {
      cutoffs[k] = taus[highestFirst[k]] * max;
    }
    Labels labels = new Labels();
    int[][] buckets = bucketByThreshold(cutoffs);
    for (int k = 0; k < taus.length; k++) {
      for (int cell : buckets[k]) {
        labels.add(cell);
      }
      ladder.set(highestFirst[k], labels.regions());
    }
    return ladder;
  }

  /**
   * The cells of each threshold band, in row-major order: band {@code k} holds the cells at least
   * {@code cutoffs[k]} but below every higher cutoff ({@code cutoffs} descending).
   */
  private int[][] bucketByThreshold(double[] cutoffs) {
    float[] values = map.values();
    int[] band = new int[values.length];
    int[] sizes = new int[cutoffs.length];
    double lowest = cutoffs[cutoffs.length - 1];
    for (int i = 0; i < values.length; i++) {
      int k = cutoffs.length;
      if (values[i] >= lowest) {
        // The first cutoff the value reaches: cutoffs descend, so a binary search.
        int lo = 0;
        int hi = cutoffs.length - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (values[i] >= cutoffs[mid]) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        k = lo;
      }
      band[i] = k;
      if (k < cutoffs.length) {
        sizes[k]++;
      }
    }
    int[][] buckets = new int[cutoffs.length][];
    for (int k = 0; k < cutoffs.length; k++) {
      buckets[k] = new int[sizes[k]];
    }
    int[] filled = new int[cutoffs.length];
    for (int i = 0; i < values.length; i++) {
      if (band[i] < cutoffs.length) {
        buckets[band[i]][filled[band[i]]++] = i;
      }
    }
    return buckets;
  }

  /**
   * Union-find over the map's cells, with each component's size, energy, box and first cell. Its
   * arrays are kept per thread and reused: labelling a 256-cell grid at 30 images a second would
   * otherwise allocate 60 MB a second.
   */
  private final class Labels {
    private final int width = map.width();
    private final int height = map.height();
    private final int[] parent;
    private final int[] size;
    private final int[] first;
    private final int[] minX;
    private final int[] maxX;
    private final int[] minY;
    private final int[] maxY;
    private final double[] energy;

    /** The current roots, in no order, and each root's place among them. */
    private final int[] roots;

    private final int[] rootSlot;
    private int rootCount;

    Labels() {
      int cells = map.values().length;
      Workspace w = WORKSPACE.get();
      if (w.parent.length < cells) {
        w = new Workspace(cells);
        if (cells <= KEPT_CELLS) {
          WORKSPACE.set(w);
        }
      }
      parent = w.parent;
      size = w.size;
      first = w.first;
      minX = w.minX;
      maxX = w.maxX;
      minY = w.minY;
      maxY = w.maxY;
      energy = w.energy;
      roots = w.roots;
      rootSlot = w.rootSlot;
      Arrays.fill(parent, 0, cells, -1);
    }

    void add(int cell) {
      int y = cell / width;
      int x = cell - y * width;
      parent[cell] = cell;
      size[cell] = 1;
      first[cell] = cell;
      minX[cell] = x;
      maxX[cell] = x;
      minY[cell] = y;
      maxY[cell] = y;
      energy[cell] = map.values()[cell];
      rootSlot[cell] = rootCount;
      roots[rootCount++] = cell;
      int root = cell;
      int x0 = Math.max(x - 1, 0);
      int x1 = Math.min(x + 1, width - 1);
      for (int ny = Math.max(y - 1, 0); ny <= Math.min(y + 1, height - 1); ny++) {
        for (int neighbour = ny * width + x0; neighbour <= ny * width + x1; neighbour++) {
          if (neighbour != cell && parent[neighbour] >= 0) {
            int other = find(neighbour);
            if (other != root) {
              root = link(root, other);
            }
          }
        }
      }
    }

    private int find(int cell) {
      while (parent[cell] != cell) {
        parent[cell] = parent[parent[cell]];
        cell = parent[cell];
      }
      return cell;
    }

    /** Joins two distinct roots, the smaller under the larger; returns the joined root. */
    private int link(int ra, int rb) {
      if (size[ra] < size[rb]) {
        int swap = ra;
        ra = rb;
        rb = swap;
      }
      parent[rb] = ra;
      size[ra] += size[rb];
      energy[ra] += energy[rb];
      first[ra] = Math.min(first[ra], first[rb]);
      minX[ra] = Math.min(minX[ra], minX[rb]);
      maxX[ra] = Math.max(maxX[ra], maxX[rb]);
      minY[ra] = Math.min(minY[ra], minY[rb]);
      maxY[ra] = Math.max(maxY[ra], maxY[rb]);
      int slot = rootSlot[rb];
      int last = roots[--rootCount];
      roots[slot] = last;
      rootSlot[last] = slot;
      return ra;
    }

    /** The current components as regions, largest first, ties by their first cell. */
    List<Region> regions() {
      List<int[]> order = new ArrayList<>(rootCount);
      for (int i = 0; i < rootCount; i++) {
        int root = roots[i];
        order.add(new int[] {size[root], first[root], root});
      }
      order.sort(LARGEST_FIRST);
      List<Region> regions = new ArrayList<>(order.size());
      double cellArea = grid.cellWidth() * grid.cellHeight();
      for (int[] entry : order) {
        int root = entry[2];
        regions.add(
            new Region(
                grid.toImage(minX[root], minY[root], maxX[root] + 1, maxY[root] + 1),
                (int) Math.round(size[root] * cellArea),
                energy[root] / sum));
      }
      return List.copyOf(regions);
    }
  }
}
