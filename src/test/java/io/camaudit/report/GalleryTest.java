package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Gallery}'s picks on hand-made {@code image_stats} rows: the lowest and highest {@code
 * energy_in_fraction} per group, ties by image id, each (image, class) once.
 */
class GalleryTest {

  private static final StructType STATS =
      new StructType()
          .add("image_id", DataTypes.StringType)
          .add("camera", DataTypes.StringType)
          .add("target_class", DataTypes.StringType)
          .add("energy_in_fraction", DataTypes.DoubleType);

  private static final List<Row> ROWS =
      List.of(
          RowFactory.create("a5", "a", "x", 0.9),
          RowFactory.create("a3", "a", "x", 0.2),
          RowFactory.create("a1", "a", "x", 0.1),
          RowFactory.create("a4", "a", "x", 0.5),
          RowFactory.create("a2", "a", "x", 0.2),
          RowFactory.create("a6", "a", "x", null),
          RowFactory.create("b1", "b", "x", 0.3),
          RowFactory.create("b2", "b", "x", 0.7),
          RowFactory.create("c1", "c", "x", 0.1),
          RowFactory.create("c1", "c", "y", 0.8),
          RowFactory.create("n1", null, "x", 0.4));

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("gallery");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void picksTheLowestAndHighestPerGroupTiesByImageId() {
    List<Gallery.Picks> picks = Gallery.pick(stats(ROWS), "camera", 2);
    assertEquals(
        List.of(
            "a (5): worst [a1/x, a2/x] best [a5/x, a4/x]",
            "b (2): worst [b1/x, b2/x] best []",
            "c (2): worst [c1/x, c1/y] best []"),
        describe(picks),
        "a group's null value and a null fraction are left out; a row among the worst is not"
            + " among the best");
  }

  @Test
  void showsAnImageOnceForEachOfItsClasses() {
    assertEquals(
        List.of("c (2): worst [c1/x] best [c1/y]"),
        describe(
            Gallery.pick(
                stats(ROWS.stream().filter(r -> "c".equals(r.getString(1))).toList()),
                "camera",
                1)));
  }

  @Test
  void withoutAGroupColumnEveryMeasuredImageIsOneGroup() {
    assertEquals(
        List.of("* (10): worst [a1/x, c1/x] best [a5/x, c1/y]"),
        describe(Gallery.pick(stats(ROWS), "*", 2)));
  }

  @Test
  void saysWhyTheGalleryIsEmptyWithoutReadingTheHeatmaps() {
    List<String> notes = new ArrayList<>();
    List<Row> unmeasured = List.of(RowFactory.create("a1", "a", "x", null));
    assertTrue(
        new Gallery(spark, null, 2)
            .draw(
                stats(unmeasured),
                "camera",
                () -> {
                  throw new AssertionError("heatmaps read");
                },
                null,
                notes)
            .isEmpty());
    assertEquals(
        List.of(
            "No explained image has boxes of its target class, so none has an"
                + " energy_in_fraction to rank by."),
        notes);
  }

  private static Dataset<Row> stats(List<Row> rows) {
    return spark.createDataFrame(rows, STATS);
  }

  private static List<String> describe(List<Gallery.Picks> picks) {
    return picks.stream()
        .map(
            p ->
                p.group()
                    + " ("
                    + p.images()
                    + "): worst "
                    + pairs(p.worst())
                    + " best "
                    + pairs(p.best()))
        .toList();
  }

  private static List<String> pairs(List<Row> rows) {
    return rows.stream().map(r -> String.join("/", Overlays.pairOf(r))).toList();
  }
}
