package io.camaudit.image;

/**
 * An axis-aligned box in image pixel coordinates with an optional class label.
 *
 * <p>Coordinates are continuous: {@code x0, y0} is the top-left corner and {@code x1, y1} the
 * bottom-right corner, so pixel {@code (x, y)} (its centre at {@code x + 0.5, y + 0.5}) lies inside
 * when {@code x0 <= x + 0.5 < x1} and likewise for y. A box over whole pixels 10..19 is {@code (10,
 * 10, 20, 20)}, the convention of COCO's {@code [x, y, width, height]}.
 *
 * @param x0 left edge, pixels
 * @param y0 top edge, pixels
 * @param x1 right edge, pixels, {@code > x0}
 * @param y1 bottom edge, pixels, {@code > y0}
 * @param label class name of the object, or {@code null} when unknown
 */
public record Box(double x0, double y0, double x1, double y1, String label) {

  /** Checks that the coordinates are finite and ordered. */
  public Box {
    if (!(Double.isFinite(x0)
        && Double.isFinite(y0)
        && Double.isFinite(x1)
        && Double.isFinite(y1))) {
      throw new IllegalArgumentException(
          String.format("Invalid box (non-finite coordinate): (%s, %s, %s, %s)", x0, y0, x1, y1));
    }
    if (x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException(
          String.format("Invalid box (x1 <= x0 or y1 <= y0): (%s, %s, %s, %s)", x0, y0, x1, y1));
    }
  }

  /** Width in pixels. */
  public double width() {
    return x1 - x0;
  }

  /** Height in pixels. */
  public double height() {
    return y1 - y0;
  }

  /** Area in square pixels. */
  public double area() {
    return width() * height();
  }
}
