package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camaudit.image.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxIouTest {

  private static Box box(double x0, double y0, double x1, double y1) {
    return new Box(x0, y0, x1, y1, null);
  }

  @Test
  void identicalBoxesHaveIouOne() {
    assertEquals(1.0, BoxIou.iou(box(1.5, 2, 7, 9.25), box(1.5, 2, 7, 9.25)), 1e-15);
  }

  @Test
  void disjointAndTouchingBoxesHaveIouZero() {
    assertEquals(0.0, BoxIou.iou(box(0, 0, 2, 2), box(5, 5, 6, 6)));
    assertEquals(0.0, BoxIou.iou(box(0, 0, 2, 2), box(2, 0, 4, 2)));
    assertEquals(0.0, BoxIou.iou(box(0, 0, 2, 2), box(0, 2, 2, 4)));
  }

  @Test
  void partialOverlapsUseContinuousAreas() {
    assertEquals(1.0 / 3, BoxIou.iou(box(0, 0, 2, 2), box(1, 0, 3, 2)), 1e-15);
    assertEquals(0.25, BoxIou.iou(box(0, 0, 4, 4), box(1, 1, 3, 3)), 1e-15);
    // Overlap 0.5 x 1 of areas 1 and 1: 0.5 / 1.5.
    assertEquals(1.0 / 3, BoxIou.iou(box(0, 0, 1, 1), box(0.5, 0, 1.5, 1)), 1e-15);
  }

  @Test
  void bestIsTheLargestIouAndZeroWithoutTruths() {
    Box b = box(0, 0, 2, 2);
    assertEquals(0.25, BoxIou.best(b, List.of(box(5, 5, 6, 6), box(0, 0, 4, 4))));
    assertEquals(0.5, BoxIou.best(b, List.of(box(0, 0, 4, 2), box(0, 0, 4, 4))));
    assertEquals(0.0, BoxIou.best(b, List.of()));
  }
}
