package io.camaudit.metrics.group;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Metric} per group and overall, with 95% intervals from the Poisson bootstrap (Hanley
 * and MacGibbon, "Creating non-parametric bootstrap samples using Poisson frequencies", Comput.
 * Methods Programs Biomed. 2006; Chamandy et al., "Estimating uncertainty for massive data
 * streams", Google, 2012). Each image carries, per replicate, a Poisson(1) weight that depends only
 * on the seed and its id ({@link ReplicateWeights}), and all sums are exact ({@link
 * BootstrapSums}), so results are bit-identical whatever the row order and however images are split
 * between accumulators that are then merged: add images per Spark partition, merge the partitions'
 * accumulators, read {@link #results()}.
 *
 * <p>Not thread-safe. Memory: 16 bytes per replicate per (group, metric) with a defined value.
 */
public final class GroupBootstrap implements Serializable {

  /** The usual number of bootstrap replicates. */
  public static final int DEFAULT_REPLICATES = 1000;

  private static final long serialVersionUID = 1L;

  private record GroupKey(String column, String value) implements Serializable {}

  private static final GroupKey OVERALL = new GroupKey(GroupMetric.OVERALL, GroupMetric.OVERALL);

  private final long seed;
  private final int replicates;
  private final List<String> groupColumns;
  private final Map<GroupKey, EnumMap<Metric, BootstrapSums>> cells = new HashMap<>();
  private transient int[] weights;

  /**
   * @param seed the run's seed; with the image ids, it fixes every bootstrap weight
   * @param replicates bootstrap replicates, at least 1 (usually {@link #DEFAULT_REPLICATES})
   * @param groupColumns the group columns, distinct, none {@link GroupMetric#OVERALL}
   */
  public GroupBootstrap(long seed, int replicates, List<String> groupColumns) {
    if (replicates < 1) {
      throw new IllegalArgumentException(
          "replicates is " + replicates + "; expected at least 1 (usually 1000)");
    }
    if (groupColumns == null
        || groupColumns.stream().anyMatch(c -> c == null || c.equals(GroupMetric.OVERALL))
        || new HashSet<>(groupColumns).size() != groupColumns.size()) {
      throw new IllegalArgumentException(
          "group columns are "
              + groupColumns
              + "; expected distinct non-null names, none '"
              + GroupMetric.OVERALL
              + "'");
    }
    this.seed = seed;
    this.replicates = replicates;
    this.groupColumns = List.copyOf(groupColumns);
  }

  /** Adds {@code image} to its group of each group column and to the overall row. */
  public void add(ImageMetrics image) {
    EnumMap<Metric, Long> values = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      double value = metric.of(image);
      if (Double.isNaN(value)) {
        continue;
      }
      if (!BootstrapSums.accepts(value)) {
        throw new IllegalArgumentException(
            metric.id()
                + " of image '"
                + image.imageId()
                + "' is "
                + value
                + "; expected a finite value within ±2^32");
      }
      values.put(metric, BootstrapSums.fixedPoint(value));
    }
    if (values.isEmpty()) {
      return;
    }
    if (weights == null) {
      weights = new int[replicates];
    }
    ReplicateWeights.fill(seed, image.imageId(), weights);
    addTo(OVERALL, values);
    for (String column : groupColumns) {
      String value = image.groups().get(column);
      if (value != null) {
        addTo(new GroupKey(column, value), values);
      }
    }
  }

  private void addTo(GroupKey key, EnumMap<Metric, Long> values) {
    EnumMap<Metric, BootstrapSums> sums =
        cells.computeIfAbsent(key, k -> new EnumMap<>(Metric.class));
    values.forEach(
        (metric, value) ->
            sums.computeIfAbsent(metric, m -> new BootstrapSums(replicates)).add(value, weights));
  }

  /**
   * Adds {@code other}'s images to this accumulator and returns this.
   *
   * @throws IllegalArgumentException if {@code other} has another seed, replicate count or group
   *     columns
   */
  public GroupBootstrap merge(GroupBootstrap other) {
    if (seed != other.seed
        || replicates != other.replicates
        || !groupColumns.equals(other.groupColumns)) {
      throw new IllegalArgumentException(
          "cannot merge bootstraps with different settings: "
              + settings()
              + " and "
              + other.settings()
              + "; expected equal seed, replicates and group columns");
    }
    other.cells.forEach(
        (key, otherSums) -> {
          EnumMap<Metric, BootstrapSums> sums =
              cells.computeIfAbsent(key, k -> new EnumMap<>(Metric.class));
          otherSums.forEach(
              (metric, s) ->
                  sums.computeIfAbsent(metric, m -> new BootstrapSums(replicates)).merge(s));
        });
    return this;
  }

  /**
   * One row per (group, metric) with at least one defined value: the overall rows first, then the
   * group columns in constructor order, values in ascending order, metrics in {@link Metric} order.
   */
  public List<GroupEstimate> results() {
    List<GroupKey> keys = new ArrayList<>(cells.keySet());
    keys.sort(
        Comparator.comparingInt((GroupKey k) -> groupColumns.indexOf(k.column()))
            .thenComparing(GroupKey::value));
    List<GroupEstimate> results = new ArrayList<>();
    for (GroupKey key : keys) {
      cells
          .get(key)
          .forEach((metric, sums) -> results.add(sums.estimate(key.column(), key.value(), metric)));
    }
    return results;
  }

  private String settings() {
    return "seed=" + seed + " replicates=" + replicates + " groupColumns=" + groupColumns;
  }
}
