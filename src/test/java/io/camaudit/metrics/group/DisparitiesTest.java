package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisparitiesTest {

  private static GroupMetric row(String column, String value, String metric, double v) {
    return new GroupMetric(column, value, metric, 10, v, v - 0.1, v + 0.1);
  }

  @Test
  void higherIsBetterMetricsHaveTheLowestGroupAsWorst() {
    List<GroupDisparity> d =
        Disparities.of(
            List.of(
                row("*", "*", "accuracy", 0.75),
                row("source", "a", "accuracy", 0.8),
                row("source", "b", "accuracy", 0.6),
                row("source", "c", "accuracy", 0.9)));
    assertEquals(
        List.of(new GroupDisparity("source", "accuracy", 0.75, 0.9 - 0.6, 0.6 / 0.9, "b", 0.6)), d);
  }

  @Test
  void lowerIsBetterMetricsHaveTheHighestGroupAsWorst() {
    GroupDisparity d =
        Disparities.of(
                List.of(
                    row("*", "*", "share_off_object", 0.3),
                    row("source", "a", "share_off_object", 0.2),
                    row("source", "b", "share_off_object", 0.5)))
            .get(0);
    assertEquals("b", d.worstGroup());
    assertEquals(0.5, d.worstValue());
    assertEquals(0.3, d.difference(), 1e-12);
    assertEquals(0.4, d.ratio(), 1e-12);
    assertEquals(0.3, d.overall());
  }

  @Test
  void eachColumnAndMetricIsSeparateAndZeroMaximumHasNoRatio() {
    List<GroupDisparity> d =
        Disparities.of(
            List.of(
                row("source", "a", "box_accuracy", 0),
                row("source", "b", "box_accuracy", 0),
                row("split", "x", "box_accuracy", 0.4),
                row("split", "y", "box_accuracy", 0.2),
                row("source", "a", "accuracy", 0.7)));
    assertEquals(3, d.size());
    assertTrue(Double.isNaN(d.get(0).ratio()));
    assertEquals("a", d.get(0).worstGroup(), "ties keep the first group");
    assertTrue(Double.isNaN(d.get(0).overall()), "no overall row");
    assertEquals("split", d.get(1).groupColumn());
    assertEquals("y", d.get(1).worstGroup());
    assertEquals(0.5, d.get(1).ratio(), 1e-12);
    assertEquals(0, d.get(2).difference());
    assertEquals(1, d.get(2).ratio());
  }
}
