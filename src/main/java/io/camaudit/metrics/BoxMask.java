package io.camaudit.metrics;

import io.camaudit.image.Box;
import java.util.List;

/** Pixel masks of boxes, by the pixel-centre rule of {@link Box}. */
final class BoxMask {

  private BoxMask() {}

  /** {@code mask[y * width + x]} is true when pixel (x, y)'s centre lies in any of the boxes. */
  static boolean[] union(List<Box> boxes, int height, int width) {
    boolean[] mask = new boolean[height * width];
    for (Box box : boxes) {
      int x0 = firstCentreInside(box.x0(), width);
      int x1 = firstCentreInside(box.x1(), width);
      int y0 = firstCentreInside(box.y0(), height);
      int y1 = firstCentreInside(box.y1(), height);
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          mask[y * width + x] = true;
        }
      }
    }
    return mask;
  }

  /** The first pixel index whose centre ({@code i + 0.5}) is at or after {@code edge}. */
  private static int firstCentreInside(double edge, int size) {
    return (int) Math.max(0, Math.min(size, Math.ceil(edge - 0.5)));
  }
}
