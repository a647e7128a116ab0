package io.camaudit.spark.slices;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import io.camaudit.slices.ClassClustering;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Clusters the images of each class by a signature column ({@link ClassClustering}): one stage fits
 * every class, each on at most {@link #FIT_SAMPLE} of its images (the same ones in every run: those
 * of smallest id hash), and a second pass puts every image in its nearest cluster.
 *
 * <p>Why not MLlib's {@code KMeans}: it is a distributed fit, a Spark job per iteration, for one
 * large clustering. Slices need one small clustering per class and k; on the 600-image demo (3
 * classes, k = 2 … 8) its fits and {@code ClusteringEvaluator} took 27 s against 10 s for
 * explaining the images, and a class count of ImageNet's would make that hours.
 */
public final class SliceDiscovery {

  /** The most images of one class that its clustering is fitted on. */
  public static final int FIT_SAMPLE = 20_000;

  /** The members' column holding their cluster within the class, 0-based. */
  public static final String CLUSTER = "cluster";

  /** The members' column holding the squared distance to their cluster's centre. */
  public static final String DISTANCE = "distance";

  private final long seed;

  /** Discovery seeded by {@code seed}: equal inputs give equal clusters. */
  public SliceDiscovery(long seed) {
    this.seed = seed;
  }

  /**
   * One class's clustering.
   *
   * @param className the class
   * @param clustering its clusters
   */
  public record Fitted(String className, ClassClustering clustering) {}

  /**
   * The rows with their clusters, and each class's clustering, classes in name order.
   *
   * @param members the rows with {@link #CLUSTER} and {@link #DISTANCE}, computed when read
   * @param clusterings each class's clustering
   * @param centres the clusterings as the executors read them; {@link #release} when done
   */
  public record Result(
      Dataset<Row> members,
      List<Fitted> clusterings,
      Broadcast<Map<String, ClassClustering>> centres) {

    /** Frees the executors' copies of the centres: {@link #members} cannot be read after. */
    public void release() {
      centres.destroy();
    }
  }

  /**
   * Clusters {@code rows}.
   *
   * @param rows one row per image and class with at least {@code idColumn}, {@code classColumn} and
   *     {@code signatureColumn} ({@code array<float>}, equal lengths within a class)
   * @return {@code rows}, every column kept, with {@link #CLUSTER} and {@link #DISTANCE} added; and
   *     each class's clustering
   */
  public Result discover(
      Dataset<Row> rows, String idColumn, String classColumn, String signatureColumn) {
    Map<String, ClassClustering> fits =
        fit(
            rows.select(col(idColumn), col(classColumn), col(signatureColumn)),
            idColumn,
            classColumn);
    Broadcast<Map<String, ClassClustering>> shared =
        rows.sparkSession()
            .sparkContext()
            .broadcast(fits, scala.reflect.ClassTag$.MODULE$.apply(Map.class));
    StructType schema =
        rows.schema()
            .add(CLUSTER, DataTypes.IntegerType, false)
            .add(DISTANCE, DataTypes.DoubleType, false);
    int classAt = rows.schema().fieldIndex(classColumn);
    int signatureAt = rows.schema().fieldIndex(signatureColumn);
    MapFunction<Row, Row> assign =
        row -> {
          double[] point = doubles(row.getList(signatureAt));
          ClassClustering clustering = shared.value().get(row.getString(classAt));
          int cluster = clustering.nearest(point);
          Object[] values = new Object[row.size() + 2];
          for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
          }
          values[row.size()] = cluster;
          values[row.size() + 1] =
              clustering.clusters() == 1 ? Double.NaN : clustering.squaredDistance(point, cluster);
          return RowFactory.create(values);
        };
    List<Fitted> fitted = new ArrayList<>();
    fits.forEach((className, clustering) -> fitted.add(new Fitted(className, clustering)));
    return new Result(rows.map(assign, Encoders.row(schema)), fitted, shared);
  }

  /** Each class's clustering, fitted side by side in one stage. */
  private Map<String, ClassClustering> fit(
      Dataset<Row> signatures, String idColumn, String classColumn) {
    Dataset<Row> sample =
        signatures
            .withColumn(
                "fit_order",
                row_number()
                    .over(
                        Window.partitionBy(col(classColumn))
                            .orderBy(xxhash64(col(idColumn)), col(idColumn))))
            .filter(col("fit_order").leq(FIT_SAMPLE))
            .drop("fit_order");
    long fitSeed = seed;
    MapGroupsFunction<String, Row, Tuple2<String, ClassClustering>> fitClass =
        (className, members) -> {
          List<Row> sorted = new ArrayList<>();
          members.forEachRemaining(sorted::add);
          sorted.sort(Comparator.comparing(r -> r.getString(0)));
          List<double[]> points = new ArrayList<>(sorted.size());
          for (Row r : sorted) {
            points.add(doubles(r.getList(2)));
          }
          return new Tuple2<>(className, ClassClustering.fit(points, fitSeed));
        };
    Map<String, ClassClustering> fits = new TreeMap<>();
    for (Tuple2<String, ClassClustering> fit :
        sample
            .groupByKey((MapFunction<Row, String>) r -> r.getString(1), Encoders.STRING())
            .mapGroups(
                fitClass,
                Encoders.tuple(
                    Encoders.STRING(), Encoders.javaSerialization(ClassClustering.class)))
            .collectAsList()) {
      fits.put(fit._1(), fit._2());
    }
    return fits;
  }

  private static double[] doubles(List<Float> values) {
    double[] doubles = new double[values.size()];
    for (int i = 0; i < doubles.length; i++) {
      doubles[i] = values.get(i);
    }
    return doubles;
  }
}
