package io.camaudit.spark.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SliceDiscoveryTest {

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = LocalSpark.start("slice discovery");
  }

  @AfterAll
  static void stopSession() {
    spark.stop();
  }

  /**
   * Two classes: "a" has 40 images around (1, 0, 0) and 20 around (0, 1, 0), each id's group
   * written in its name; "b" has 12 images, too few for two clusters.
   */
  private static Dataset<Row> rows(int partitions) {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("cls", DataTypes.StringType)
            .add("signature", DataTypes.createArrayType(DataTypes.FloatType, false));
    SplittableRandom random = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String group = i < 40 ? "x" : "y";
      float[] s = {i < 40 ? 1 : 0, i < 40 ? 0 : 1, 0};
      for (int d = 0; d < 3; d++) {
        s[d] += (float) (0.05 * random.nextGaussian());
      }
      rows.add(RowFactory.create("a-" + group + "-" + i, "a", s));
    }
    for (int i = 0; i < 12; i++) {
      rows.add(RowFactory.create("b-" + i, "b", new float[] {0, 0, (float) random.nextDouble()}));
    }
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  private static Map<String, String> clusters(SliceDiscovery.Result result) {
    Map<String, String> byId = new TreeMap<>();
    for (Row r : result.members().collectAsList()) {
      byId.put(
          r.getAs("id"), r.getAs(SliceDiscovery.CLUSTER) + " " + r.getAs(SliceDiscovery.DISTANCE));
    }
    return byId;
  }

  @Test
  void findsEachClasssGroupsKeepsEveryColumnAndAddsClusterAndDistance() {
    SliceDiscovery.Result result =
        new SliceDiscovery(1).discover(rows(3), "id", "cls", "signature");
    assertEquals(2, result.clusterings().size());
    assertEquals("a", result.clusterings().get(0).className());
    assertEquals(2, result.clusterings().get(0).clustering().clusters());
    assertEquals(1, result.clusterings().get(1).clustering().clusters(), "12 images: one slice");
    List<String> columns = List.of(result.members().columns());
    assertEquals(List.of("id", "cls", "signature", "cluster", "distance"), columns);
    Map<String, Integer> clusterOfGroup = new TreeMap<>();
    for (Row r : result.members().filter("cls = 'a'").collectAsList()) {
      String group = ((String) r.getAs("id")).split("-")[1];
      Integer cluster = r.getAs(SliceDiscovery.CLUSTER);
      Integer before = clusterOfGroup.putIfAbsent(group, cluster);
      assertTrue(before == null || before.equals(cluster), "group " + group + " in one cluster");
      assertTrue((double) r.getAs(SliceDiscovery.DISTANCE) < 0.05, "near its centre: " + r);
    }
    assertEquals(2, clusterOfGroup.values().stream().distinct().count());
    for (Row r : result.members().filter("cls = 'b'").collectAsList()) {
      assertEquals(0, (int) r.getAs(SliceDiscovery.CLUSTER));
      assertTrue(Double.isNaN(r.getAs(SliceDiscovery.DISTANCE)), "no distance in one slice");
    }
  }

  @Test
  void theSameRowsInOtherPartitionsGiveTheSameClusters() {
    assertEquals(
        clusters(new SliceDiscovery(1).discover(rows(1), "id", "cls", "signature")),
        clusters(new SliceDiscovery(1).discover(rows(4), "id", "cls", "signature")));
  }
}
