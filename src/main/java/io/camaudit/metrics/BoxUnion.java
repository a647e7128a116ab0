package io.camaudit.metrics;

import io.camaudit.image.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The pixels of an image whose centres lie in at least one of some boxes (the rule of {@link Box}),
 * as disjoint pixel rectangles: the boxes' edges cut the image into a small grid whose covered
 * cells are the rectangles.
 *
 * @param rectangles disjoint {@code {x0, x1, y0, y1}}: columns {@code [x0, x1)}, rows {@code [y0,
 *     y1)}
 * @param pixels the number of pixels in the union
 */
record BoxUnion(List<int[]> rectangles, long pixels) {

  /** The union of {@code boxes} on a {@code width × height} image. */
  static BoxUnion of(List<Box> boxes, int width, int height) {
    List<int[]> ranges = new ArrayList<>();
    TreeSet<Integer> xs = new TreeSet<>();
    TreeSet<Integer> ys = new TreeSet<>();
    for (Box box : boxes) {
      int[] range = {
        firstCentreInside(box.x0(), width), firstCentreInside(box.x1(), width),
        firstCentreInside(box.y0(), height), firstCentreInside(box.y1(), height)
      };
      if (range[1] > range[0] && range[3] > range[2]) {
        ranges.add(range);
        xs.add(range[0]);
        xs.add(range[1]);
        ys.add(range[2]);
        ys.add(range[3]);
      }
    }
    Integer[] xCuts = xs.toArray(new Integer[0]);
    Integer[] yCuts = ys.toArray(new Integer[0]);
    List<int[]> rectangles = new ArrayList<>();
    long pixels = 0;
    for (int b = 0; b + 1 < yCuts.length; b++) {
      for (int a = 0; a + 1 < xCuts.length; a++) {
        int[] cell = {xCuts[a], xCuts[a + 1], yCuts[b], yCuts[b + 1]};
        if (covered(cell, ranges)) {
          rectangles.add(cell);
          pixels += (long) (cell[1] - cell[0]) * (cell[3] - cell[2]);
        }
      }
    }
    return new BoxUnion(rectangles, pixels);
  }

  private static boolean covered(int[] cell, List<int[]> ranges) {
    for (int[] r : ranges) {
      if (r[0] <= cell[0] && cell[1] <= r[1] && r[2] <= cell[2] && cell[3] <= r[3]) {
        return true;
      }
    }
    return false;
  }

  /** The first pixel index whose centre ({@code i + 0.5}) is at or after {@code edge}. */
  private static int firstCentreInside(double edge, int size) {
    return (int) Math.max(0, Math.min(size, Math.ceil(edge - 0.5)));
  }
}
