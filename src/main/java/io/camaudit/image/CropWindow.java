package io.camaudit.image;

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

  /** Whether the window is the whole image. */
  public boolean isWhole() {
    return x0 == 0 && y0 == 0 && x1 == imageWidth && y1 == imageHeight;
  }
}
