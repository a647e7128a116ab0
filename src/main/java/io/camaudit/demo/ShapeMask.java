package io.camaudit.demo;

import io.camaudit.image.Box;

/**
 * A filled shape rasterised without anti-aliasing: a pixel belongs to the shape when its centre
 * lies inside the outline. The shape is inscribed in the square of {@code size} pixels whose
 * top-left pixel is {@code (left, top)}; circles fill it, squares are it, triangles stand upright
 * on its bottom edge with the apex at the top centre.
 */
final class ShapeMask {

  private final int left;
  private final int top;
  private final int size;
  private final boolean[] cells;

  private ShapeMask(int left, int top, int size, boolean[] cells) {
    this.left = left;
    this.top = top;
    this.size = size;
    this.cells = cells;
  }

  /**
   * Rasterises a shape.
   *
   * @param shape {@code circle}, {@code square} or {@code triangle}
   * @param left column of the enclosing square's left pixel
   * @param top row of the enclosing square's top pixel
   * @param size side of the enclosing square in pixels, {@code >= 2}
   */
  static ShapeMask rasterize(String shape, int left, int top, int size) {
    if (size < 2) {
      throw new IllegalArgumentException("Shape size must be >= 2 pixels, got " + size);
    }
    boolean[] cells = new boolean[size * size];
    double half = size / 2.0;
    for (int row = 0; row < size; row++) {
      double v = row + 0.5;
      for (int col = 0; col < size; col++) {
        double u = col + 0.5;
        cells[row * size + col] =
            switch (shape) {
              case "circle" -> (u - half) * (u - half) + (v - half) * (v - half) <= half * half;
              case "square" -> true;
              case "triangle" -> 2 * u + v >= size && 2 * u - v <= size;
              default ->
                  throw new IllegalArgumentException(
                      "Unknown shape '" + shape + "'; expected circle, square or triangle");
            };
      }
    }
    return new ShapeMask(left, top, size, cells);
  }

  /**
   * Sets the shape's pixels to {@code rgb} in a row-major image of {@code width} columns that
   * contains the shape's square.
   */
  void paint(int[] pixels, int width, int rgb) {
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        if (cells[row * size + col]) {
          pixels[(top + row) * width + left + col] = rgb;
        }
      }
    }
  }

  /** The tight box around the shape's pixels, in the continuous convention of {@link Box}. */
  Box bounds(String label) {
    int minCol = size;
    int minRow = size;
    int maxCol = -1;
    int maxRow = -1;
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        if (cells[row * size + col]) {
          minCol = Math.min(minCol, col);
          maxCol = Math.max(maxCol, col);
          minRow = Math.min(minRow, row);
          maxRow = Math.max(maxRow, row);
        }
      }
    }
    return new Box(left + minCol, top + minRow, left + maxCol + 1, top + maxRow + 1, label);
  }
}
