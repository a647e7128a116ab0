package io.camaudit.metrics;

import io.camaudit.image.Box;
import java.util.List;

/** Intersection over union of boxes, on their continuous areas. */
public final class BoxIou {

  private BoxIou() {}

  /** Area of the intersection of {@code a} and {@code b} over the area of their union. */
  public static double iou(Box a, Box b) {
    double w = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
    double h = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double intersection = w * h;
    return intersection / (a.area() + b.area() - intersection);
  }

  /** The largest IoU of {@code box} with any of {@code truths}; 0 when there are none. */
  public static double best(Box box, List<Box> truths) {
    double best = 0;
    for (Box truth : truths) {
      best = Math.max(best, iou(box, truth));
    }
    return best;
  }
}
