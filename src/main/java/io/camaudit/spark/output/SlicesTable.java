package io.camaudit.spark.output;

import static io.camaudit.spark.output.OutputColumns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.GroupMetric;
import io.camaudit.metrics.group.Metric;
import io.camaudit.slices.ClassClustering;
import io.camaudit.spark.slices.SliceDiscovery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code slices} and {@code slice_members} tables: the images of each class clustered by their
 * attention signatures ({@link SliceDiscovery}), each slice with its group metrics and intervals
 * (the {@code group_metrics} bootstrap, the slice as the group), ranked within its class by
 * shortcut score, and followed to the baseline run's slice that shares most of its members.
 */
public final class SlicesTable {

  /** Members listed per slice, nearest its centre first. */
  public static final int REPRESENTATIVES = 8;

  /** Rows of {@code slices} written per task. */
  private static final int ROWS_PER_TASK = 500;

  /** The cluster's key while slices have no names yet: {@code class/cluster}. */
  private static final String KEY = "slice_key";

  private SlicesTable() {}

  /**
   * One ranked slice, as the console and the report show it.
   *
   * @param className the explained class
   * @param slice {@code class/rank}
   * @param images members
   * @param shortcutScore {@code accuracy × (1 − energy_in_fraction)}, null when either is undefined
   * @param accuracy the slice's accuracy, null without labels
   * @param energyInFraction the slice's mean energy in the boxes, null without boxes
   * @param backgroundOnlyAccuracy the slice's background-only accuracy, null where none of its
   *     images was measured
   */
  public record Slice(
      String className,
      String slice,
      long images,
      Double shortcutScore,
      Double accuracy,
      Double energyInFraction,
      Double backgroundOnlyAccuracy) {

    /** Whether the slice ranks first in its class. */
    public boolean top() {
      return slice.equals(className + "/1");
    }
  }

  /**
   * The run that slices are followed to.
   *
   * @param store the store it lies in
   * @param runId its run id
   */
  public record Baseline(RunStore store, String runId) {}

  /**
   * Finds the slices of the explained {@code results}, stages both tables and returns the slices,
   * ranked within each class.
   *
   * @param baseline the run to follow slices to, if any
   */
  public static List<Slice> write(
      SparkSession spark,
      RunWriter run,
      String runId,
      Dataset<Row> results,
      long seed,
      int replicates,
      Optional<Baseline> baseline) {
    Dataset<Row> explained = results.filter(col(ResultSchema.EXPLAINED));
    SliceDiscovery.Result found =
        new SliceDiscovery(seed)
            .discover(explained, IMAGE_ID.name(), TARGET_CLASS.name(), ResultSchema.SIGNATURE);
    Dataset<Row> members =
        found
            .members()
            .withColumn(KEY, concat_ws("/", TARGET_CLASS.col(), col(SliceDiscovery.CLUSTER)));
    Map<String, Map<String, GroupEstimate>> estimates =
        byKey(GroupMetricsTable.compute(members, List.of(KEY), seed, replicates));
    Nearest nearest = Nearest.of(members);
    Map<String, Long> sizes = nearest.sizes();
    Map<String, String> names = rank(found.clusterings(), sizes, estimates);
    Dataset<Row> named =
        members
            .select(IMAGE_ID.col(), TARGET_CLASS.col(), col(KEY), col(SliceDiscovery.DISTANCE))
            .join(broadcast(namesFrame(spark, names)), KEY);
    Map<String, Following> following =
        baseline.map(b -> follow(named, b, sizes, names)).orElse(Map.of());
    List<Row> rows = new ArrayList<>();
    List<Slice> slices = new ArrayList<>();
    for (SliceDiscovery.Fitted fitted : found.clusterings()) {
      for (int cluster = 0; cluster < fitted.clustering().clusters(); cluster++) {
        String key = fitted.className() + "/" + cluster;
        if (!sizes.containsKey(key)) {
          continue;
        }
        Map<String, GroupEstimate> metrics = estimates.getOrDefault(key, Map.of());
        Slice slice =
            new Slice(
                fitted.className(),
                names.get(key),
                sizes.get(key),
                finite(shortcutScore(metrics)),
                finite(value(metrics, Metric.ACCURACY)),
                finite(value(metrics, Metric.MEAN_ENERGY_IN_FRACTION)),
                finite(value(metrics, Metric.BACKGROUND_ONLY_ACCURACY)));
        slices.add(slice);
        Following followed = following.get(slice.slice());
        rows.add(
            row(slice, fitted.clustering(), metrics, nearest.members().get(key), followed)
                .set(BASELINE_RUN_ID, baseline.map(Baseline::runId).orElse(null))
                .set(RUN_ID, runId)
                .build());
      }
    }
    // Rows spread over partitions of at most ROWS_PER_TASK: a thousand classes' slices in one
    // task would be a task of megabytes.
    run.writeTable(
        spark.createDataFrame(
            JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, Math.max(1, (rows.size() + ROWS_PER_TASK - 1) / ROWS_PER_TASK)),
            OutputTable.SLICES.schema()),
        OutputTable.SLICES);
    run.writeTable(
        named.select(
            IMAGE_ID.col(),
            TARGET_CLASS.col().as(CLASS.name()),
            SLICE.col(),
            when(col(SliceDiscovery.DISTANCE).isNaN(), lit(null))
                .otherwise(col(SliceDiscovery.DISTANCE))
                .as(CENTRE_DISTANCE.name()),
            lit(runId).as(RUN_ID.name())),
        OutputTable.SLICE_MEMBERS);
    found.release();
    slices.sort(Comparator.comparing(Slice::className).thenComparing(Slice::slice, SLICE_ORDER));
    return slices;
  }

  /** Slice names by rank: {@code c/2} before {@code c/10}. */
  private static final Comparator<String> SLICE_ORDER =
      Comparator.comparingInt(s -> Integer.parseInt(s.substring(s.lastIndexOf('/') + 1)));

  private static TableRow row(
      Slice slice,
      ClassClustering clustering,
      Map<String, GroupEstimate> metrics,
      List<String> representatives,
      Following followed) {
    GroupMetric accuracy = metric(metrics, Metric.ACCURACY);
    GroupMetric energy = metric(metrics, Metric.MEAN_ENERGY_IN_FRACTION);
    GroupMetric backgroundOnly = metric(metrics, Metric.BACKGROUND_ONLY_ACCURACY);
    return TableRow.of(OutputTable.SLICES)
        .set(CLASS, slice.className())
        .set(SLICE, slice.slice())
        .set(SLICE_RANK, Integer.parseInt(slice.slice().substring(slice.className().length() + 1)))
        .set(IMAGES, slice.images())
        .set(SHORTCUT_SCORE, slice.shortcutScore())
        .set(SLICE_ACCURACY, accuracy == null ? null : accuracy.value())
        .set(SLICE_ACCURACY_CI_LOW, accuracy == null ? null : accuracy.ciLow())
        .set(SLICE_ACCURACY_CI_HIGH, accuracy == null ? null : accuracy.ciHigh())
        .set(SLICE_ENERGY_IN_FRACTION, energy == null ? null : energy.value())
        .set(SLICE_ENERGY_CI_LOW, energy == null ? null : energy.ciLow())
        .set(SLICE_ENERGY_CI_HIGH, energy == null ? null : energy.ciHigh())
        .set(SLICE_BACKGROUND_ONLY_ACCURACY, backgroundOnly == null ? null : backgroundOnly.value())
        .set(SLICE_BACKGROUND_ONLY_CI_LOW, backgroundOnly == null ? null : backgroundOnly.ciLow())
        .set(SLICE_BACKGROUND_ONLY_CI_HIGH, backgroundOnly == null ? null : backgroundOnly.ciHigh())
        .set(BACKGROUND_ONLY_IMAGES, backgroundOnly == null ? 0L : backgroundOnly.n())
        .set(
            REPRESENTATIVE_IMAGE_IDS,
            representatives == null ? new String[0] : representatives.toArray(new String[0]))
        .set(CLUSTERS, clustering.clusters())
        .set(SILHOUETTE, finite(clustering.silhouette()))
        .set(BASELINE_SLICE, followed == null ? null : followed.slice())
        .set(BASELINE_OVERLAP, followed == null ? null : followed.overlap());
  }

  /**
   * Each cluster's name, {@code class/rank}: rank 1 has the highest shortcut score in its class;
   * undefined scores last, then the larger slice first, then the lower cluster index.
   */
  private static Map<String, String> rank(
      List<SliceDiscovery.Fitted> clusterings,
      Map<String, Long> sizes,
      Map<String, Map<String, GroupEstimate>> estimates) {
    Map<String, String> names = new HashMap<>();
    for (SliceDiscovery.Fitted fitted : clusterings) {
      List<String> keys = new ArrayList<>();
      for (int cluster = 0; cluster < fitted.clustering().clusters(); cluster++) {
        String key = fitted.className() + "/" + cluster;
        if (sizes.containsKey(key)) {
          keys.add(key);
        }
      }
      Comparator<String> byScore =
          Comparator.comparingDouble(
              (String k) -> {
                double score = shortcutScore(estimates.getOrDefault(k, Map.of()));
                return Double.isNaN(score) ? Double.POSITIVE_INFINITY : -score;
              });
      keys.sort(byScore.thenComparing(k -> -sizes.get(k)).thenComparing(SLICE_ORDER));
      for (int r = 0; r < keys.size(); r++) {
        names.put(keys.get(r), fitted.className() + "/" + (r + 1));
      }
    }
    return names;
  }

  /** {@code accuracy × (1 − mean energy in the boxes)}; NaN when either is undefined. */
  static double shortcutScore(Map<String, GroupEstimate> metrics) {
    return value(metrics, Metric.ACCURACY) * (1 - value(metrics, Metric.MEAN_ENERGY_IN_FRACTION));
  }

  /** How a slice follows from the baseline run: its slice and their members' Jaccard overlap. */
  private record Following(String slice, double overlap) {}

  /**
   * For each slice, the baseline run's slice of the same class with the largest Jaccard overlap of
   * members (ties: the lower-ranked name first); none where no member is shared or the baseline has
   * no {@code slice_members}.
   */
  private static Map<String, Following> follow(
      Dataset<Row> named, Baseline baseline, Map<String, Long> sizes, Map<String, String> names) {
    Optional<Dataset<Row>> past =
        baseline.store().readRun(OutputTable.SLICE_MEMBERS, baseline.runId());
    if (past.isEmpty()) {
      return Map.of();
    }
    Dataset<Row> before =
        past.get()
            .select(
                IMAGE_ID.col(),
                CLASS.col().as(TARGET_CLASS.name()),
                SLICE.col().as(BASELINE_SLICE.name()));
    Map<String, Long> beforeSizes = counts(before, BASELINE_SLICE.name());
    Map<String, Long> sizeByName = new HashMap<>();
    names.forEach((key, name) -> sizeByName.put(name, sizes.get(key)));
    Map<String, Following> following = new TreeMap<>();
    for (Row r :
        named
            .join(before, new String[] {IMAGE_ID.name(), TARGET_CLASS.name()})
            .groupBy(SLICE.col(), col(BASELINE_SLICE.name()))
            .count()
            .collectAsList()) {
      String slice = r.getString(0);
      String previous = r.getString(1);
      long shared = r.getLong(2);
      double overlap =
          shared / (double) (sizeByName.get(slice) + beforeSizes.get(previous) - shared);
      Following current = following.get(slice);
      if (current == null
          || overlap > current.overlap()
          || (overlap == current.overlap() && SLICE_ORDER.compare(previous, current.slice()) < 0)) {
        following.put(slice, new Following(previous, overlap));
      }
    }
    return following;
  }

  /**
   * Per cluster key, its size and its members nearest its centre, at most {@link #REPRESENTATIVES},
   * nearest first (ties by image id): one Spark job.
   */
  private record Nearest(Map<String, Long> sizes, Map<String, List<String>> members) {

    static Nearest of(Dataset<Row> members) {
      Map<String, Long> sizes = new HashMap<>();
      Map<String, List<String>> nearest = new HashMap<>();
      for (Row r :
          members
              .select(
                  col(KEY),
                  IMAGE_ID.col(),
                  row_number()
                      .over(
                          Window.partitionBy(col(KEY))
                              .orderBy(col(SliceDiscovery.DISTANCE), IMAGE_ID.col()))
                      .as("nearness"),
                  count(lit(1)).over(Window.partitionBy(col(KEY))).as("size"))
              .filter(col("nearness").leq(REPRESENTATIVES))
              .orderBy(col(KEY), col("nearness"))
              .collectAsList()) {
        sizes.put(r.getString(0), r.getLong(3));
        nearest.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1));
      }
      return new Nearest(sizes, nearest);
    }
  }

  private static Dataset<Row> namesFrame(SparkSession spark, Map<String, String> names) {
    List<Row> rows = new ArrayList<>();
    names.forEach((key, name) -> rows.add(RowFactory.create(key, name)));
    StructType schema =
        new StructType()
            .add(KEY, DataTypes.StringType, false)
            .add(SLICE.name(), DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  private static Map<String, Long> counts(Dataset<Row> rows, String column) {
    Map<String, Long> counts = new HashMap<>();
    for (Row r : rows.groupBy(column).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /** The estimates of each slice key, by metric id. */
  private static Map<String, Map<String, GroupEstimate>> byKey(List<GroupEstimate> estimates) {
    Map<String, Map<String, GroupEstimate>> byKey = new HashMap<>();
    for (GroupEstimate e : estimates) {
      if (e.metric().groupColumn().equals(KEY)) {
        byKey
            .computeIfAbsent(e.metric().groupValue(), k -> new HashMap<>())
            .put(e.metric().metric(), e);
      }
    }
    return byKey;
  }

  private static GroupMetric metric(Map<String, GroupEstimate> metrics, Metric metric) {
    GroupEstimate estimate = metrics.get(metric.id());
    return estimate == null ? null : estimate.metric();
  }

  private static double value(Map<String, GroupEstimate> metrics, Metric metric) {
    GroupMetric m = metric(metrics, metric);
    return m == null ? Double.NaN : m.value();
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
