package io.camaudit.image;

import java.util.List;

/**
 * The region of the original image that the model's input covers, in original pixel coordinates. A
 * map at the model's input (or feature) resolution covers exactly this region.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge
 * @param y1 bottom edge
 * @param imageWidth width of the original image, pixels
 * @param imageHeight height of the original image, pixels
 */
public record CropWindow(
    double x0, double y0, double x1, double y1, int imageWidth, int imageHeight) {

  /** The whole image. */
  public static CropWindow whole(int width, int height) {
    return new CropWindow(0, 0, width, height, width, height);
  }

  /**
   * The pixels of a {@code width × height} model input covering this window whose centres lie in
   * any of {@code boxes} (original pixel coordinates), row-major.
   */
  public boolean[] inputPixelsIn(List<Box> boxes, int width, int height) {
    boolean[] inside = new boolean[width * height];
    double scaleX = (x1 - x0) / width;
    double scaleY = (y1 - y0) / height;
    for (Box box : boxes) {
      // Centre x0 + (i + 0.5) scaleX in [box.x0, box.x1]: i in [first, last].
      int firstX = Math.max(0, (int) Math.ceil((box.x0() - x0) / scaleX - 0.5));
      int lastX = Math.min(width - 1, (int) Math.floor((box.x1() - x0) / scaleX - 0.5));
      int firstY = Math.max(0, (int) Math.ceil((box.y0() - y0) / scaleY - 0.5));
      int lastY = Math.min(height - 1, (int) Math.floor((box.y1() - y0) / scaleY - 0.5));
      for (int y = firstY; y <= lastY; y++) {
        for (int x = firstX; x <= lastX; x++) {
          inside[y * width + x] = true;
        }
      }
    }
    return inside;
  }

  /** Whether the window is the whole image. */
  public boolean isWhole() {
    return x0 == 0 && y0 == 0 && x1 == imageWidth && y1 == imageHeight;
  }
}
