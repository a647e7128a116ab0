package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boxes in the original image's pixels land on the model input pixels whose centres they hold. */
class CropWindowTest {

  private static List<Integer> inside(boolean[] mask) {
    List<Integer> on = new ArrayList<>();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        on.add(i);
      }
    }
    return on;
  }

  @Test
  void aWholeImageWindowScalesBoxesToTheInput() {
    // A 100x50 image on a 10x5 input: input pixel (i, j) has its centre at (10 i + 5, 10 j + 5).
    CropWindow window = CropWindow.whole(100, 50);
    boolean[] mask = window.inputPixelsIn(List.of(new Box(0, 0, 24, 10, null)), 10, 5);
    assertEquals(List.of(0, 1), inside(mask), "centres (5, 5) and (15, 5)");
    mask =
        window.inputPixelsIn(
            List.of(new Box(4, 4, 6, 6, null), new Box(90, 40, 100, 50, null)), 10, 5);
    assertEquals(List.of(0, 49), inside(mask), "a box around one centre, the last pixel");
    mask = window.inputPixelsIn(List.of(new Box(6, 6, 14, 14, null)), 10, 5);
    assertEquals(List.of(), inside(mask), "a box between centres holds none");
  }

  @Test
  void aCroppedWindowShiftsAndClipsBoxes() {
    // The centre 40x40 of a 80x60 image on a 4x4 input: centres at 25, 35, 45, 55 across and
    // 15, 25, 35, 45 down.
    CropWindow window = new CropWindow(20, 10, 60, 50, 80, 60);
    boolean[] mask = window.inputPixelsIn(List.of(new Box(0, 0, 30, 20, null)), 4, 4);
    assertEquals(List.of(0), inside(mask));
    mask = window.inputPixelsIn(List.of(new Box(50, 40, 80, 60, null)), 4, 4);
    assertEquals(List.of(15), inside(mask), "only the part inside the window");
  }
}
