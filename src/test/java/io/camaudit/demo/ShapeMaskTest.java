package io.camaudit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.image.Box;
import org.junit.jupiter.api.Test;

class ShapeMaskTest {

  @Test
  void squareOverPixels10To29HasBox10To30() {
    ShapeMask square = ShapeMask.rasterize("square", 10, 10, 20);
    boolean[][] pixels = paint(square);

    assertEquals(new Box(10, 10, 30, 30, "square"), square.bounds("square"));
    assertTrue(pixels[29][29]);
    assertFalse(pixels[29][30]);
    assertFalse(pixels[10][9]);
  }

  @Test
  void circleFillsItsSquareEdgeToEdge() {
    for (int size = 4; size <= 40; size++) {
      ShapeMask circle = ShapeMask.rasterize("circle", 5, 7, size);

      assertEquals(new Box(5, 7, 5 + size, 7 + size, "c"), circle.bounds("c"), "size " + size);
      assertFalse(paint(circle)[7][5], "corner pixel of size " + size);
    }
  }

  @Test
  void triangleStandsOnFullWidthBaseUnderCentredApex() {
    ShapeMask triangle = ShapeMask.rasterize("triangle", 0, 0, 21);
    boolean[][] pixels = paint(triangle);

    assertEquals(new Box(0, 0, 21, 21, "t"), triangle.bounds("t"));
    assertTrue(pixels[0][10]);
    assertFalse(pixels[0][9]);
    assertTrue(pixels[20][0]);
    assertTrue(pixels[20][20]);
  }

  @Test
  void boundsAreTightWhenTopRowIsEmpty() {
    // An even-sided triangle's apex falls between two pixel centres, leaving row 0 empty.
    ShapeMask triangle = ShapeMask.rasterize("triangle", 0, 0, 20);

    assertEquals(new Box(0, 1, 20, 20, "t"), triangle.bounds("t"));
  }

  @Test
  void rejectsUnknownShapeAndTinySize() {
    assertThrows(IllegalArgumentException.class, () -> ShapeMask.rasterize("hexagon", 0, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> ShapeMask.rasterize("square", 0, 0, 1));
  }

  /** Paints the mask into a 50x50 image and returns its pixels as {@code [row][column]}. */
  private static boolean[][] paint(ShapeMask mask) {
    int side = 50;
    int[] pixels = new int[side * side];
    mask.paint(pixels, side, 1);
    boolean[][] rows = new boolean[side][side];
    for (int i = 0; i < pixels.length; i++) {
      rows[i / side][i % side] = pixels[i] == 1;
    }
    return rows;
  }
}
