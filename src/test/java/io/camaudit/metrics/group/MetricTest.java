package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricTest {

  private static ImageMetrics boxed(double lift, double iou) {
    return new ImageMetrics("i", Map.of(), true, 0.3, lift, false, iou);
  }

  @Test
  void derivesPerImageValues() {
    ImageMetrics image = boxed(0.99, 0.5);
    assertEquals(1, Metric.ACCURACY.of(image));
    assertEquals(0.3, Metric.MEAN_ENERGY_IN_FRACTION.of(image));
    assertEquals(0.99, Metric.MEAN_ENERGY_LIFT.of(image));
    assertEquals(0, Metric.POINTING_ACCURACY.of(image));
    assertEquals(1, Metric.BOX_ACCURACY.of(image), "IoU 0.5 counts as a hit");
    assertEquals(1, Metric.SHARE_OFF_OBJECT.of(image), "lift below 1 is off the object");
    assertEquals(0, Metric.BOX_ACCURACY.of(boxed(1, 0.49)));
    assertEquals(0, Metric.SHARE_OFF_OBJECT.of(boxed(1, 0.49)), "lift 1 is not off the object");
  }

  @Test
  void missingOrNanInputsAreUndefined() {
    ImageMetrics noBoxes = new ImageMetrics("i", Map.of(), null, null, null, null, null);
    for (Metric metric : Metric.values()) {
      assertTrue(Double.isNaN(metric.of(noBoxes)), metric.id());
    }
    assertTrue(Double.isNaN(Metric.BOX_ACCURACY.of(boxed(1, Double.NaN))));
    assertTrue(Double.isNaN(Metric.SHARE_OFF_OBJECT.of(boxed(Double.NaN, 1))));
  }

  @Test
  void looksMetricsUpById() {
    assertEquals(Metric.SHARE_OFF_OBJECT, Metric.byId("share_off_object"));
    assertEquals(Metric.Direction.LOWER_IS_BETTER, Metric.SHARE_OFF_OBJECT.direction());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Metric.byId("nope"));
    assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
  }

  @Test
  void findsNoMetricForAnUnknownId() {
    assertEquals(Optional.of(Metric.MEAN_ENERGY_LIFT), Metric.find("mean_energy_lift"));
    assertEquals(Optional.empty(), Metric.find("nope"));
  }

  @Test
  void everyPerImageValueLiesInItsMetricsRange() {
    List<ImageMetrics> images =
        List.of(
            new ImageMetrics(
                "a", Map.of(), true, 0.0, 0.0, true, 1.0, -1.0, 0.5, true, false, -1.0),
            new ImageMetrics(
                "b", Map.of(), false, 1.0, 7.5, false, 0.0, 1.0, -0.5, false, true, 1.0),
            new ImageMetrics("c", Map.of(), true, 0.99, 0.5, true, 0.5, 0.0, 0.0, true, true, 0.0));
    for (Metric metric : Metric.values()) {
      for (ImageMetrics image : images) {
        double v = metric.of(image);
        assertTrue(
            v >= metric.range().low() && v <= metric.range().high(),
            metric.id() + " of " + image.imageId() + " = " + v + " in " + metric.range());
      }
    }
  }

  @Test
  void rangesReadAsTheDocsWriteThem() {
    assertEquals("[0, 1]", Metric.Range.SHARE.toString());
    assertEquals("[0, ∞)", Metric.Range.NON_NEGATIVE.toString());
    assertEquals("(-∞, ∞)", Metric.Range.ANY.toString());
    assertEquals("[-0.5, 2.25]", new Metric.Range(-0.5, 2.25).toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Metric.Range(1, 1));
    assertEquals("Invalid range [1.0, 1.0]: expected low < high, neither NaN", e.getMessage());
  }

  @Test
  void saysWhichWayIsBetterInWords() {
    assertEquals("higher is better", Metric.ACCURACY.direction().words());
    assertEquals("lower is better", Metric.SHARE_OFF_OBJECT.direction().words());
  }
}
