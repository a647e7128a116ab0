package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
}
