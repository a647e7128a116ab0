package io.camaudit.cam;

/**
 * A batch of preprocessed images, laid out {@code [N, C, H, W]} in one array.
 *
 * <p>The array may be longer than {@code size * C * H * W} so that a buffer can be reused for a
 * last, partly filled batch; only the first {@code size} images are used.
 *
 * @param size N, number of images in the batch
 * @param channels C
 * @param height H
 * @param width W
 * @param data pixel values
 */
public record InputBatch(int size, int channels, int height, int width, float[] data) {

  /** Checks the dimensions against the array. */
  public InputBatch {
    if (size <= 0 || channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid batch shape (expected all positive): [%d, %d, %d, %d]",
              size, channels, height, width));
    }
    if (data.length < (long) size * channels * height * width) {
      throw new IllegalArgumentException(
          String.format(
              "Batch array too short: %d values for [%d, %d, %d, %d]",
              data.length, size, channels, height, width));
    }
  }

  /** Values per image, {@code C * H * W}. */
  public int imageLength() {
    return channels * height * width;
  }
}
