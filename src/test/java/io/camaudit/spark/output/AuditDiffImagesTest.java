package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.camaudit.nightly.ChangeStatus;
import io.camaudit.nightly.MetricChange;
import io.camaudit.testing.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditDiffImages} on hand-made runs: who is in a breached group in which run, each image's
 * shift, the ranking by {@code abs(shift)}, the cap per presence with the full count beside it.
 */
class AuditDiffImagesTest {

  private static final List<String> GROUPS = List.of("source");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("audit-diff-images");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void ranksTheImagesThatMovedEachBreachPerPresence() {
    Dataset<Row> before =
        images(
            image("a", "studio", "circle", "circle", 0.5),
            image("b", "studio", "circle", "circle", 0.5),
            image("c", "studio", "circle", "circle", 0.5),
            image("d", "studio", "circle", "circle", 0.5),
            image("e", "studio", "circle", "circle", 0.6),
            image("n", "studio", null, "circle", null),
            image("z", "camera-z", "circle", "circle", 0.4));
    Dataset<Row> after =
        images(
            image("a", "studio", "square", "circle", 0.5),
            image("b", "studio", "square", "circle", 0.1),
            image("c", "studio", "square", "circle", 0.95),
            image("d", "studio", "circle", "circle", 0.5),
            image("e", "camera-a", "circle", "circle", 0.6),
            image("f", "studio", "square", "circle", 0.3),
            image("n", "studio", null, "circle", null),
            image("y", "camera-y", "circle", "circle", 0.8));
    List<MetricChange> changes =
        List.of(
            change("source", "studio", "accuracy", ChangeStatus.CHANGED, 1.0, 0.2, true),
            change("*", "*", "mean_energy_in_fraction", ChangeStatus.CHANGED, 0.5, 0.55, true),
            change(
                "source",
                "studio",
                "mean_energy_in_fraction",
                ChangeStatus.CHANGED,
                0.5,
                0.5,
                false),
            change("source", "camera-z", "accuracy", ChangeStatus.VANISHED, 1.0, null, true),
            change("source", "camera-y", "accuracy", ChangeStatus.NEW, null, 1.0, true));

    Dataset<Row> table = AuditDiffImages.rows(before, after, changes, false, 2, "n1", "n2");
    assertEquals(names(OutputTable.AUDIT_DIFF_IMAGES.schema()), names(table.schema()));

    Map<String, Row> rows = new TreeMap<>();
    for (Row r : table.collectAsList()) {
      rows.put(
          String.join(
              "/",
              r.<String>getAs("metric"),
              r.<String>getAs("group_value"),
              r.<String>getAs("presence"),
              String.valueOf(r.<Integer>getAs("rank"))),
          r);
      assertEquals("n1", r.getAs("baseline_run_id"));
      assertEquals("n2", r.getAs("run_id"));
    }
    Map<String, String> expected = new TreeMap<>();
    // d did not move (shift 0): counted, not listed; n has no label in either run: neither.
    expected.put("accuracy/studio/both/1", "a -1.0 of 4");
    expected.put("accuracy/studio/both/2", "b -1.0 of 4");
    expected.put("accuracy/studio/before_only/1", "e 0.8 of 1");
    expected.put("accuracy/studio/after_only/1", "f -1.0 of 1");
    expected.put("mean_energy_in_fraction/*/both/1", "c 0.45 of 5");
    expected.put("mean_energy_in_fraction/*/both/2", "b -0.4 of 5");
    expected.put("mean_energy_in_fraction/*/before_only/1", "z -0.15 of 1");
    expected.put("mean_energy_in_fraction/*/after_only/1", "y 0.3 of 2");
    expected.put("mean_energy_in_fraction/*/after_only/2", "f -0.2 of 2");
    expected.put("accuracy/camera-z/before_only/1", "z null of 1");
    expected.put("accuracy/camera-y/after_only/1", "y null of 1");
    Map<String, String> actual = new TreeMap<>();
    rows.forEach(
        (key, r) -> {
          Double shift = r.getAs("shift");
          actual.put(
              key,
              r.getAs("image_id")
                  + " "
                  + (shift == null ? "null" : Math.round(shift * 1e6) / 1e6)
                  + " of "
                  + r.<Long>getAs("presence_images"));
        });
    assertEquals(expected, actual);

    Row a = rows.get("accuracy/studio/both/1");
    assertEquals(1.0, a.<Double>getAs("value_before"));
    assertEquals(0.0, a.<Double>getAs("value_after"));
    assertEquals("circle", a.getAs("label_before"));
    assertEquals("square", a.getAs("label_after"));
    assertEquals("circle", a.getAs("target_class_before"));
    assertEquals("square", a.getAs("target_class_after"));
    assertEquals(true, a.getAs("correct_before"));
    assertEquals(false, a.getAs("correct_after"));
    assertEquals(0.5, a.<Double>getAs("energy_in_fraction_after"));
    Row e = rows.get("accuracy/studio/before_only/1");
    assertNull(e.getAs("value_after"));
    assertNull(e.getAs("label_after"));
  }

  @Test
  void matchesImagesByClassWhenEachIsExplainedForSeveral() {
    Dataset<Row> before = images(pair("m", "cat", 0.2), pair("m", "dog", 0.8));
    Dataset<Row> after = images(pair("m", "cat", 0.7), pair("m", "dog", 0.2));
    List<MetricChange> changes =
        List.of(change("*", "*", "mean_energy_in_fraction", ChangeStatus.CHANGED, 0.5, 0.45, true));

    Map<String, Double> shifts = new TreeMap<>();
    for (Row r :
        AuditDiffImages.rows(before, after, changes, true, 20, "n1", "n2").collectAsList()) {
      assertEquals("both", r.getAs("presence"));
      assertEquals(r.<String>getAs("target_class_before"), r.getAs("target_class_after"));
      shifts.put(r.getAs("target_class_after") + " " + r.getAs("rank"), r.getAs("shift"));
    }
    assertEquals(Map.of("dog 1", -0.6, "cat 2", 0.5), round(shifts));
  }

  @Test
  void readsABaselineWrittenBeforeTheBackgroundRelianceColumns() {
    Dataset<Row> before =
        images(image("a", "studio", "circle", "circle", 0.5))
            .drop(
                "background_only_probability",
                "background_only_correct",
                "object_only_probability",
                "object_only_correct",
                "confidence_drop");
    Dataset<Row> after = images(image("a", "studio", "circle", "square", 0.5));
    List<MetricChange> changes =
        List.of(change("source", "studio", "accuracy", ChangeStatus.CHANGED, 1.0, 0.0, true));

    List<Row> rows =
        AuditDiffImages.rows(before, after, changes, false, 2, "n1", "n2").collectAsList();
    assertEquals(1, rows.size());
    assertEquals(-1.0, rows.get(0).<Double>getAs("shift"));
  }

  private static Map<String, Double> round(Map<String, Double> values) {
    Map<String, Double> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, Math.round(v * 1e6) / 1e6));
    return out;
  }

  private static List<String> names(org.apache.spark.sql.types.StructType schema) {
    List<String> names = new ArrayList<>();
    for (StructField f : schema.fields()) {
      names.add(f.name() + " " + f.dataType().catalogString());
    }
    return names;
  }

  private static Dataset<Row> images(Row... rows) {
    return spark.createDataFrame(List.of(rows), OutputTable.IMAGE_STATS.schema(GROUPS));
  }

  /** An image_stats row of an image labelled {@code label}, explained for that label. */
  private static Row image(
      String id, String source, String label, String predicted, Double energyInFraction) {
    return stats(id, source, label, predicted, label == null ? predicted : label, energyInFraction);
  }

  /** An image_stats row of one of several classes explained for an unlabelled image. */
  private static Row pair(String id, String targetClass, double energyInFraction) {
    return stats(id, "studio", null, "cat", targetClass, energyInFraction);
  }

  private static Row stats(
      String id,
      String source,
      String label,
      String predicted,
      String target,
      Double energyInFraction) {
    List<Object> values = new ArrayList<>();
    for (StructField field : OutputTable.IMAGE_STATS.schema(GROUPS).fields()) {
      values.add(
          switch (field.name()) {
            case "image_id" -> id;
            case "source" -> source;
            case "label" -> label;
            case "predicted_class" -> predicted;
            case "target_class" -> target;
            case "correct" -> label == null ? null : label.equals(predicted);
            case "energy_in_fraction" -> energyInFraction;
            default -> null;
          });
    }
    return RowFactory.create(values.toArray());
  }

  private static MetricChange change(
      String column,
      String value,
      String metric,
      ChangeStatus status,
      Double before,
      Double after,
      boolean breached) {
    Double change = before == null || after == null ? null : after - before;
    return new MetricChange(
        column, value, metric, status, before, after, change, null, null, null, null, 10, 10, 0.05,
        true, breached);
  }
}
