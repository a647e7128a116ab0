package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupBootstrapTest {

  private static final List<String> SOURCE = List.of("source");

  private static ImageMetrics image(String id, String source, Boolean correct, Double fraction) {
    return new ImageMetrics(id, Map.of("source", source), correct, fraction, null, null, null);
  }

  /** {@code count} images of group {@code source} with fractions ~ N(mean, 0.05). */
  private static List<ImageMetrics> normal(String source, int count, double mean, long seed) {
    Random random = new Random(seed);
    List<ImageMetrics> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double fraction = mean + 0.05 * random.nextGaussian();
      images.add(image(source + "-" + i, source, null, fraction));
    }
    return images;
  }

  private static List<GroupMetric> run(long seed, List<ImageMetrics> images) {
    GroupBootstrap bootstrap = new GroupBootstrap(seed, GroupBootstrap.DEFAULT_REPLICATES, SOURCE);
    images.forEach(bootstrap::add);
    return metrics(bootstrap);
  }

  private static List<GroupMetric> metrics(GroupBootstrap bootstrap) {
    return bootstrap.results().stream().map(GroupEstimate::metric).toList();
  }

  private static GroupMetric find(List<GroupMetric> rows, String group, Metric metric) {
    return rows.stream()
        .filter(r -> r.groupValue().equals(group) && r.metric().equals(metric.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + group + "/" + metric.id()));
  }

  @Test
  void computesMeansPerGroupAndOverall() {
    List<GroupMetric> rows =
        run(
            1,
            List.of(
                image("1", "studio", true, 0.2),
                image("2", "studio", false, 0.4),
                image("3", "studio", true, 0.9),
                image("4", "field", false, 0.1)));
    assertEquals(
        List.of("*/*", "source/field", "source/studio"),
        rows.stream().map(r -> r.groupColumn() + "/" + r.groupValue()).distinct().toList());
    GroupMetric studio = find(rows, "studio", Metric.MEAN_ENERGY_IN_FRACTION);
    assertEquals(3, studio.n());
    assertEquals(0.5, studio.value(), 1e-7);
    assertEquals(2.0 / 3, find(rows, "studio", Metric.ACCURACY).value(), 1e-7);
    assertEquals(0.4, find(rows, "*", Metric.MEAN_ENERGY_IN_FRACTION).value(), 1e-7);
    assertEquals(0.5, find(rows, "*", Metric.ACCURACY).value(), 1e-7);
    assertEquals(0.1, find(rows, "field", Metric.MEAN_ENERGY_IN_FRACTION).ciLow(), 1e-7);
    assertEquals(0.1, find(rows, "field", Metric.MEAN_ENERGY_IN_FRACTION).ciHigh(), 1e-7);
  }

  @Test
  void absentValuesAreSkipped() {
    List<GroupMetric> rows =
        run(
            1,
            List.of(
                image("1", "studio", null, 0.2),
                image("2", "studio", true, null),
                image("3", "studio", false, Double.NaN),
                new ImageMetrics("4", Map.of(), null, 0.8, null, null, null)));
    assertEquals(1, find(rows, "studio", Metric.MEAN_ENERGY_IN_FRACTION).n());
    assertEquals(0.2, find(rows, "studio", Metric.MEAN_ENERGY_IN_FRACTION).value(), 1e-7);
    assertEquals(2, find(rows, "studio", Metric.ACCURACY).n());
    assertEquals(0.5, find(rows, "*", Metric.MEAN_ENERGY_IN_FRACTION).value(), 1e-7);
    assertEquals(2, find(rows, "*", Metric.MEAN_ENERGY_IN_FRACTION).n());
    assertTrue(
        rows.stream().noneMatch(r -> r.metric().equals(Metric.MEAN_ENERGY_LIFT.id())),
        "a metric with no defined value has no row");
  }

  @Test
  void intervalContainsTheMeanAndNarrowsWithMoreData() {
    GroupMetric small = find(run(3, normal("a", 50, 0.5, 1)), "a", Metric.MEAN_ENERGY_IN_FRACTION);
    GroupMetric large =
        find(run(3, normal("a", 2000, 0.5, 1)), "a", Metric.MEAN_ENERGY_IN_FRACTION);
    for (GroupMetric m : List.of(small, large)) {
      assertTrue(m.ciLow() < m.value() && m.value() < m.ciHigh(), m.toString());
    }
    // Width ∝ 1/sqrt(n): 40 times the images, sqrt(40) ≈ 6.3 times narrower. That the width is
    // that of a 95% interval is GroupBootstrapCoverageTest's to prove.
    double smallWidth = small.ciHigh() - small.ciLow();
    double largeWidth = large.ciHigh() - large.ciLow();
    assertTrue(largeWidth < smallWidth / 4, largeWidth + " vs " + smallWidth);
  }

  @Test
  void resultsDoNotDependOnOrderOrPartitioning() {
    List<ImageMetrics> images = new ArrayList<>(normal("a", 150, 0.6, 1));
    images.addAll(normal("b", 150, 0.4, 2));
    List<GroupMetric> expected = run(9, images);

    List<ImageMetrics> shuffled = new ArrayList<>(images);
    Collections.shuffle(shuffled, new Random(5));
    List<GroupBootstrap> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      parts.add(new GroupBootstrap(9, GroupBootstrap.DEFAULT_REPLICATES, SOURCE));
    }
    for (int i = 0; i < shuffled.size(); i++) {
      parts.get(i % 3).add(shuffled.get(i));
    }
    List<GroupMetric> merged = metrics(parts.get(2).merge(parts.get(0)).merge(parts.get(1)));
    assertEquals(expected, merged);
  }

  @Test
  void anotherSeedGivesOtherIntervalsButTheSameMeans() {
    List<ImageMetrics> images = normal("a", 100, 0.5, 1);
    GroupMetric one = find(run(1, images), "a", Metric.MEAN_ENERGY_IN_FRACTION);
    GroupMetric two = find(run(2, images), "a", Metric.MEAN_ENERGY_IN_FRACTION);
    assertEquals(one.value(), two.value());
    assertNotEquals(one.ciLow(), two.ciLow());
    assertNotEquals(one.ciHigh(), two.ciHigh());
  }

  @Test
  void intervalsSeparateGroupsWithDifferentMeansOnly() {
    List<ImageMetrics> different = new ArrayList<>(normal("a", 200, 0.6, 1));
    different.addAll(normal("b", 200, 0.35, 2));
    List<GroupMetric> rows = run(4, different);
    assertTrue(
        find(rows, "a", Metric.MEAN_ENERGY_IN_FRACTION).ciLow()
            > find(rows, "b", Metric.MEAN_ENERGY_IN_FRACTION).ciHigh());

    List<ImageMetrics> same = new ArrayList<>(normal("a", 200, 0.5, 1));
    same.addAll(normal("b", 200, 0.5, 2));
    rows = run(4, same);
    GroupMetric a = find(rows, "a", Metric.MEAN_ENERGY_IN_FRACTION);
    GroupMetric b = find(rows, "b", Metric.MEAN_ENERGY_IN_FRACTION);
    assertTrue(a.ciLow() <= b.ciHigh() && b.ciLow() <= a.ciHigh(), a + " vs " + b);
  }

  @Test
  void groupsMissingFromAnImageOnlyCountOverall() {
    GroupBootstrap bootstrap = new GroupBootstrap(1, 10, List.of("source", "split"));
    Map<String, String> groups = new HashMap<>();
    groups.put("source", null);
    groups.put("split", "test");
    bootstrap.add(new ImageMetrics("1", groups, true, null, null, null, null));
    assertEquals(
        List.of("*", "split"), metrics(bootstrap).stream().map(GroupMetric::groupColumn).toList());
  }

  @Test
  void mergeRequiresTheSameSettings() {
    GroupBootstrap base = new GroupBootstrap(1, 100, SOURCE);
    for (GroupBootstrap other :
        List.of(
            new GroupBootstrap(2, 100, SOURCE),
            new GroupBootstrap(1, 99, SOURCE),
            new GroupBootstrap(1, 100, List.of("split")))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> base.merge(other));
      assertTrue(e.getMessage().contains("seed=1 replicates=100"), e.getMessage());
    }
  }

  @Test
  void rejectsBadSettingsAndValues() {
    assertThrows(IllegalArgumentException.class, () -> new GroupBootstrap(1, 0, SOURCE));
    assertThrows(
        IllegalArgumentException.class, () -> new GroupBootstrap(1, 10, List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> new GroupBootstrap(1, 10, List.of("*")));
    GroupBootstrap bootstrap = new GroupBootstrap(1, 10, SOURCE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bootstrap.add(image("x", "a", null, Double.POSITIVE_INFINITY)));
    assertTrue(e.getMessage().contains("mean_energy_in_fraction of image 'x'"), e.getMessage());
    assertFalse(bootstrap.results().iterator().hasNext(), "a rejected image adds nothing");
  }
}
