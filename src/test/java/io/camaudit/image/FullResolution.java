package io.camaudit.image;

/**
 * The reference that {@link MapSurface} must agree with: the map upsampled to every pixel of the
 * original image, the way the audit measured before it stopped making that picture (bilinear resize
 * of the window, zeros outside it).
 */
public final class FullResolution {

  private FullResolution() {}

  /**
   * Upsamples {@code map}, which covers {@code window} of the original image, bilinearly onto the
   * original image's pixels; pixels outside the window (cut off by a centre crop) get 0.
   */
  public static FloatMap project(FloatMap map, CropWindow window) {
    if (window.isWhole()) {
      return BilinearResize.resize(map, window.imageHeight(), window.imageWidth());
    }
    int left = (int) Math.round(window.x0());
    int top = (int) Math.round(window.y0());
    int right = Math.min(window.imageWidth(), (int) Math.round(window.x1()));
    int bottom = Math.min(window.imageHeight(), (int) Math.round(window.y1()));
    FloatMap inside = BilinearResize.resize(map, bottom - top, right - left);
    float[] values = new float[window.imageHeight() * window.imageWidth()];
    for (int y = top; y < bottom; y++) {
      System.arraycopy(
          inside.values(),
          (y - top) * inside.width(),
          values,
          y * window.imageWidth() + left,
          inside.width());
    }
    return new FloatMap(window.imageHeight(), window.imageWidth(), values);
  }
}
