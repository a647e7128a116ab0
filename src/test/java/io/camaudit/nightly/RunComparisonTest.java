package io.camaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.metrics.group.GroupBootstrap;
import io.camaudit.metrics.group.GroupEstimate;
import io.camaudit.metrics.group.ImageMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

  private static final AlertRules RULES =
      AlertRules.withThresholds(Map.of("mean_energy_in_fraction", 0.05, "accuracy", 0.05));

  /** Images {@code from..to-1} of one site, energy drawn around {@code mean} for each id. */
  private static List<ImageMetrics> images(String site, int from, int to, double mean, long seed) {
    List<ImageMetrics> images = new ArrayList<>();
    for (int i = from; i < to; i++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
      double energy = Math.min(1, Math.max(0, mean + 0.15 * (random.nextDouble() - 0.5) * 2));
      images.add(
          new ImageMetrics(
              site + "-" + i,
              Map.of("site", site),
              random.nextDouble() < 0.9,
              energy,
              null,
              null,
              null));
    }
    return images;
  }

  private static List<GroupEstimate> run(List<ImageMetrics> images) {
    GroupBootstrap bootstrap = new GroupBootstrap(0, 1000, List.of("site"));
    images.forEach(bootstrap::add);
    return bootstrap.results();
  }

  private static MetricChange row(List<MetricChange> rows, String group, String metric) {
    return rows.stream()
        .filter(r -> r.groupValue().equals(group) && r.metric().equals(metric))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theSameImagesWithTheSameValuesAreUnchangedWithPOne() {
    List<ImageMetrics> night = images("a", 0, 200, 0.6, 1);
    List<MetricChange> rows = RunComparison.compare(run(night), run(night), RULES);
    for (MetricChange r : rows) {
      assertEquals(ChangeStatus.UNCHANGED, r.status(), r.toString());
      assertEquals(0.0, r.change());
      assertEquals(1.0, r.pValue());
      assertFalse(r.breached());
    }
  }

  @Test
  void aSubsetOfTheSameImagesIsPairedAndTighterThanIndependentSamples() {
    List<ImageMetrics> all = images("a", 0, 400, 0.6, 1);
    List<ImageMetrics> subset = all.subList(0, 320);
    MetricChange paired =
        row(RunComparison.compare(run(all), run(subset), RULES), "a", "mean_energy_in_fraction");
    MetricChange independent =
        row(
            RunComparison.compare(run(all), run(images("a", 400, 720, 0.6, 2)), RULES),
            "a",
            "mean_energy_in_fraction");
    double pairedWidth = paired.changeCiHigh() - paired.changeCiLow();
    double independentWidth = independent.changeCiHigh() - independent.changeCiLow();
    assertTrue(
        pairedWidth < 0.6 * independentWidth,
        "paired " + pairedWidth + " vs independent " + independentWidth);
    assertTrue(paired.changeCiLow() <= paired.change() && paired.change() <= paired.changeCiHigh());
  }

  @Test
  void aRealShiftBeyondItsThresholdBreachesAndNoiseDoesNot() {
    List<ImageMetrics> before = new ArrayList<>(images("a", 0, 200, 0.6, 1));
    before.addAll(images("b", 0, 200, 0.6, 1));
    List<ImageMetrics> after = new ArrayList<>(images("a", 200, 400, 0.6, 2));
    after.addAll(images("b", 200, 400, 0.45, 2));
    List<MetricChange> rows = RunComparison.compare(run(before), run(after), RULES);
    MetricChange shifted = row(rows, "b", "mean_energy_in_fraction");
    assertEquals(ChangeStatus.CHANGED, shifted.status());
    assertTrue(shifted.breached(), shifted.toString());
    assertTrue(shifted.qValue() < 1e-6, shifted.toString());
    MetricChange quiet = row(rows, "a", "mean_energy_in_fraction");
    assertFalse(quiet.breached(), quiet.toString());
  }

  @Test
  void aSignificantChangeWithinItsThresholdDoesNotBreach() {
    List<MetricChange> rows =
        RunComparison.compare(
            run(images("a", 0, 3000, 0.60, 1)), run(images("a", 3000, 6000, 0.62, 2)), RULES);
    MetricChange small = row(rows, "a", "mean_energy_in_fraction");
    assertEquals(ChangeStatus.CHANGED, small.status(), small.toString());
    assertTrue(small.judged());
    assertFalse(small.breached(), "0.02 is within max-change 0.05: " + small);
  }

  @Test
  void smallGroupsAreReportedNotJudged() {
    List<MetricChange> rows =
        RunComparison.compare(
            run(images("a", 0, 10, 0.8, 1)), run(images("a", 10, 20, 0.2, 2)), RULES);
    MetricChange shifted = row(rows, "a", "mean_energy_in_fraction");
    assertFalse(shifted.judged());
    assertFalse(shifted.breached());
    assertEquals(10, shifted.nBefore());
  }

  @Test
  void vanishedGroupsBreachAndNewOnesOnlyWithEnoughImages() {
    List<ImageMetrics> before = new ArrayList<>(images("a", 0, 100, 0.6, 1));
    before.addAll(images("gone", 0, 5, 0.6, 1));
    List<ImageMetrics> after = new ArrayList<>(images("a", 0, 100, 0.6, 1));
    after.addAll(images("big", 0, 50, 0.6, 2));
    after.addAll(images("tiny", 0, 5, 0.6, 2));
    List<MetricChange> rows = RunComparison.compare(run(before), run(after), RULES);
    MetricChange gone = row(rows, "gone", "accuracy");
    assertEquals(ChangeStatus.VANISHED, gone.status());
    assertTrue(gone.breached());
    assertNull(gone.after());
    assertEquals(0, gone.nAfter());
    assertTrue(row(rows, "big", "accuracy").breached());
    assertEquals(ChangeStatus.NEW, row(rows, "tiny", "accuracy").status());
    assertFalse(row(rows, "tiny", "accuracy").breached());
    assertFalse(row(rows, "a", "accuracy").breached());
  }

  @Test
  void aBaselineWithoutReplicatesIsComparedFromItsInterval() {
    List<GroupEstimate> before =
        run(images("a", 0, 300, 0.6, 1)).stream()
            .map(e -> new GroupEstimate(e.metric(), null))
            .toList();
    List<MetricChange> rows =
        RunComparison.compare(before, run(images("a", 300, 600, 0.45, 2)), RULES);
    MetricChange shifted = row(rows, "a", "mean_energy_in_fraction");
    assertTrue(shifted.breached(), shifted.toString());
    assertTrue(
        shifted.changeCiLow() < shifted.change() && shifted.change() < shifted.changeCiHigh());
  }
}
