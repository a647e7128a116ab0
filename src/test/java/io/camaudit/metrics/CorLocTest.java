package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CorLoc counts a box as correct from IoU 0.5 on, and a missing box as a miss. */
class CorLocTest {

  @Test
  void sharesOfImagesWhoseBoxReachesHalfIou() {
    assertTrue(Double.isNaN(new CorLoc().value()), "no image: undefined");
    CorLoc a = new CorLoc().add(0.5).add(0.49999).add(Double.NaN);
    CorLoc b = new CorLoc().add(0.9);
    assertEquals(1.0 / 3, a.value(), 1e-12);
    a.merge(b);
    assertEquals(4, a.images());
    assertEquals(0.5, a.value(), 1e-12);
  }
}
