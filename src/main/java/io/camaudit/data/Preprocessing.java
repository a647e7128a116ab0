package io.camaudit.data;

import java.util.Arrays;

/**
 * How a model wants its input: size, resize policy and normalisation. Pixels are taken in RGB
 * order, scaled to {@code [0, 1]}, then normalised per channel as {@code (v - mean) / std}.
 *
 * @param width input width W, pixels
 * @param height input height H, pixels
 * @param resize resize policy
 * @param resizeShorter for {@link ResizePolicy#CENTER_CROP}: the shorter side before cropping;
 *     ignored for {@link ResizePolicy#STRETCH}
 * @param mean per-channel mean (R, G, B) subtracted after scaling to {@code [0, 1]}
 * @param std per-channel standard deviation (R, G, B) divided by after subtracting the mean
 */
public record Preprocessing(
    int width, int height, ResizePolicy resize, int resizeShorter, float[] mean, float[] std) {

  private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

  private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  /** torchvision's ImageNet channel means (a copy). */
  public static float[] imagenetMean() {
    return IMAGENET_MEAN.clone();
  }

  /** torchvision's ImageNet channel standard deviations (a copy). */
  public static float[] imagenetStd() {
    return IMAGENET_STD.clone();
  }

  /** Checks sizes and normalisation constants. */
  public Preprocessing {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Invalid input size (expected positive width and height): " + width + "x" + height);
    }
    if (resize == ResizePolicy.CENTER_CROP && resizeShorter < Math.max(width, height)) {
      throw new IllegalArgumentException(
          "Invalid resizeShorter "
              + resizeShorter
              + ": must be at least the crop size "
              + Math.max(width, height));
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException(
          "Invalid normalisation: expected 3 means and 3 stds (R, G, B), got "
              + mean.length
              + " and "
              + std.length);
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("Invalid std " + s + ": expected positive values");
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** torchvision's ImageNet evaluation preprocessing: shorter side 256, centre crop 224. */
  public static Preprocessing imagenet() {
    return new Preprocessing(224, 224, ResizePolicy.CENTER_CROP, 256, IMAGENET_MEAN, IMAGENET_STD);
  }

  /**
   * Whether an image of {@code width × height} is large enough for this preprocessing to only
   * shrink it: at least the input size ({@code stretch}), or a shorter side of at least {@code
   * resizeShorter} ({@code center-crop}).
   */
  public boolean suffices(int width, int height) {
    return resize == ResizePolicy.STRETCH
        ? width >= this.width && height >= this.height
        : Math.min(width, height) >= resizeShorter;
  }

  /** Values per preprocessed image, {@code 3 * H * W}. */
  public int imageLength() {
    return 3 * width * height;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Preprocessing p
        && p.width == width
        && p.height == height
        && p.resize == resize
        && p.resizeShorter == resizeShorter
        && Arrays.equals(p.mean, mean)
        && Arrays.equals(p.std, std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {width, height, resize, resizeShorter})
        + 31 * Arrays.hashCode(mean)
        + 961 * Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return String.format(
        "Preprocessing[%dx%d, %s, shorter=%d, mean=%s, std=%s]",
        width, height, resize, resizeShorter, Arrays.toString(mean), Arrays.toString(std));
  }
}
