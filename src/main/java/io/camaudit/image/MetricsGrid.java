package io.camaudit.image;

/**
 * The grid that threshold regions are found on: the original image scaled down so that its longer
 * side is at most a cap, never up. Cell {@code (gx, gy)} covers original pixels {@code [gx * sx,
 * (gx + 1) * sx) × [gy * sy, (gy + 1) * sy)} with {@code sx = imageWidth / width}; a grid as large
 * as the image is the image's own pixel grid.
 *
 * @param imageWidth original width, pixels
 * @param imageHeight original height, pixels
 * @param width grid columns, {@code 1..imageWidth}
 * @param height grid rows, {@code 1..imageHeight}
 */
public record MetricsGrid(int imageWidth, int imageHeight, int width, int height) {

  /** Checks the sizes. */
  public MetricsGrid {
    if (width <= 0 || height <= 0 || width > imageWidth || height > imageHeight) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid grid %dx%d for a %dx%d image (expected 1..image size per axis)",
              width, height, imageWidth, imageHeight));
    }
  }

  /** The grid of an image with its longer side capped at {@code cap} cells. */
  public static MetricsGrid of(int imageWidth, int imageHeight, int cap) {
    if (cap <= 0) {
      throw new IllegalArgumentException("Invalid grid cap (expected > 0): " + cap);
    }
    double scale = Math.min(1.0, (double) cap / Math.max(imageWidth, imageHeight));
    return new MetricsGrid(
        imageWidth,
        imageHeight,
        Math.max(1, Math.min(imageWidth, (int) Math.round(imageWidth * scale))),
        Math.max(1, Math.min(imageHeight, (int) Math.round(imageHeight * scale))));
  }

  /** The image's own pixel grid. */
  public static MetricsGrid full(int imageWidth, int imageHeight) {
    return new MetricsGrid(imageWidth, imageHeight, imageWidth, imageHeight);
  }

  /** Original pixels per cell, horizontally. */
  public double cellWidth() {
    return (double) imageWidth / width;
  }

  /** Original pixels per cell, vertically. */
  public double cellHeight() {
    return (double) imageHeight / height;
  }

  /** The original-image box covering cells {@code x0..x1-1} and {@code y0..y1-1}. */
  public Box toImage(int x0, int y0, int x1, int y1) {
    return new Box(x0 * cellWidth(), y0 * cellHeight(), x1 * cellWidth(), y1 * cellHeight(), null);
  }
}
