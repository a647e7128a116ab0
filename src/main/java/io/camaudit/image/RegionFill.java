package io.camaudit.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the pixels of a removed region of a model input are filled ({@code docs/metrics.md},
 * "Background reliance"). Each fill works on one channel-first image ({@code [C, H, W]}) of a
 * preprocessed batch, in the model's input units, and changes only the removed pixels.
 */
public enum RegionFill {
  /**
   * The image blurred: three box blurs in a row, each way, a close approximation of a Gaussian of σ
   * = 10 pixels at a 224-pixel input (the blur perturbation of Fong and Vedaldi, ICCV 2017), scaled
   * with the input's shorter side; the image's edges are extended outwards.
   */
  BLUR {
    @Override
    float[] replacement(float[] channel, int height, int width, boolean[] removed, Noise noise) {
      float[] blurred = channel.clone();
      int radius = blurRadius(Math.min(height, width));
      for (int pass = 0; pass < BLUR_PASSES; pass++) {
        boxBlurRows(blurred, height, width, radius);
        boxBlurColumns(blurred, height, width, radius);
      }
      return blurred;
    }
  },

  /** Each channel's mean over the whole image. */
  MEAN {
    @Override
    float[] replacement(float[] channel, int height, int width, boolean[] removed, Noise noise) {
      double sum = 0;
      for (float v : channel) {
        sum += v;
      }
      float[] mean = new float[channel.length];
      Arrays.fill(mean, (float) (sum / channel.length));
      return mean;
    }
  },

  /**
   * ROAD's noisy linear imputation (Rong et al., ICML 2022, as pytorch-grad-cam's {@code
   * NoisyLinearImputer}): each removed pixel is the weighted mean of its eight neighbours (1/6 for
   * the four sharing an edge, 1/12 for the diagonals, neighbours outside the image left out),
   * solved jointly over the removed pixels, plus Gaussian noise of standard deviation 0.01. The
   * system is solved by conjugate gradients to a relative residual of 1e-6 rather than by a sparse
   * direct solver; the noise comes from a seeded generator, so a re-run fills alike.
   */
  NOISY_LINEAR {
    @Override
    float[] replacement(float[] channel, int height, int width, boolean[] removed, Noise noise) {
      return imputed(channel, height, width, removed, IMPUTATION_NOISE, noise);
    }

    @Override
    boolean dependsOnTheMask() {
      return true;
    }
  };

  /** Standard deviation of the noise added to imputed pixels, in input units (ROAD's). */
  public static final double IMPUTATION_NOISE = 0.01;

  private static final int BLUR_PASSES = 3;

  /** σ of the blur at a 224-pixel input. */
  private static final double BLUR_SIGMA_AT_224 = 10;

  /**
   * Fills the pixels where {@code removed} is true in the image at {@code offset} of {@code data}.
   *
   * @param data channel-first images, each {@code channels × height × width} floats
   * @param removed {@code height × width}, row-major: the pixels to fill, every channel
   * @param seed the noise's seed (fills without noise ignore it)
   */
  public void fill(
      float[] data, int offset, int channels, int height, int width, boolean[] removed, long seed) {
    int area = height * width;
    if (removed.length != area) {
      throw new IllegalArgumentException(
          "Invalid mask of " + removed.length + " pixels: expected " + height + "x" + width);
    }
    Noise noise = new Noise(seed);
    float[] channel = new float[area];
    for (int c = 0; c < channels; c++) {
      int start = offset + c * area;
      System.arraycopy(data, start, channel, 0, area);
      place(replacement(channel, height, width, removed, noise), data, start, removed, true);
    }
  }

  /**
   * {@link #NOISY_LINEAR} with noise of standard deviation {@code noise} (0 for none): ROAD's
   * imputation of the removed pixels of the image at {@code offset}, in place.
   */
  public static void imputeNoisyLinear(
      float[] data,
      int offset,
      int channels,
      int height,
      int width,
      boolean[] removed,
      double noise,
      long seed) {
    int area = height * width;
    Noise draws = new Noise(seed);
    float[] channel = new float[area];
    for (int c = 0; c < channels; c++) {
      int start = offset + c * area;
      System.arraycopy(data, start, channel, 0, area);
      place(imputed(channel, height, width, removed, noise, draws), data, start, removed, true);
    }
  }

  /**
   * The channel with its removed pixels imputed, plus noise of standard deviation {@code sigma}.
   */
  private static float[] imputed(
      float[] channel, int height, int width, boolean[] removed, double sigma, Noise noise) {
    float[] imputed = channel.clone();
    NeighbourImputation.solve(imputed, height, width, removed);
    if (sigma > 0) {
      for (int i = 0; i < imputed.length; i++) {
        if (removed[i]) {
          imputed[i] += (float) (sigma * noise.next());
        }
      }
    }
    return imputed;
  }

  /**
   * Two copies of one image at once, both in {@code data}: in the one at {@code insideOffset} the
   * pixels of {@code region} filled, in the one at {@code outsideOffset} all the others; a fill
   * that does not depend on the region (blur, mean) is computed once for both.
   */
  public void fillInsideAndOutside(
      float[] data,
      int insideOffset,
      int outsideOffset,
      int channels,
      int height,
      int width,
      boolean[] region,
      long seed) {
    int area = height * width;
    if (region.length != area) {
      throw new IllegalArgumentException(
          "Invalid mask of " + region.length + " pixels: expected " + height + "x" + width);
    }
    Noise noise = new Noise(seed);
    boolean[] rest = dependsOnTheMask() ? complement(region) : null;
    float[] channel = new float[area];
    for (int c = 0; c < channels; c++) {
      System.arraycopy(data, insideOffset + c * area, channel, 0, area);
      float[] forInside = replacement(channel, height, width, region, noise);
      float[] forOutside =
          rest == null ? forInside : replacement(channel, height, width, rest, noise);
      place(forInside, data, insideOffset + c * area, region, true);
      place(forOutside, data, outsideOffset + c * area, region, false);
    }
  }

  /**
   * Values for the channel's pixels where {@code removed} is true (the others are not read); a new
   * array.
   */
  abstract float[] replacement(
      float[] channel, int height, int width, boolean[] removed, Noise noise);

  /** Whether {@link #replacement} depends on which pixels are removed. */
  boolean dependsOnTheMask() {
    return false;
  }

  /**
   * Copies {@code values} into {@code data} from {@code start} where {@code mask} is {@code on}.
   */
  private static void place(float[] values, float[] data, int start, boolean[] mask, boolean on) {
    for (int i = 0; i < values.length; i++) {
      if (mask[i] == on) {
        data[start + i] = values[i];
      }
    }
  }

  private static boolean[] complement(boolean[] mask) {
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < mask.length; i++) {
      out[i] = !mask[i];
    }
    return out;
  }

  /** The fill's name on the command line and in the run summary: {@code noisy-linear}, say. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The fill named {@code value}, in any case. */
  public static RegionFill parse(String value) {
    for (RegionFill fill : values()) {
      if (fill.id().equalsIgnoreCase(value.trim())) {
        return fill;
      }
    }
    throw new IllegalArgumentException(
        "Invalid fill '"
            + value
            + "': expected one of "
            + Arrays.stream(values()).map(RegionFill::id).toList());
  }

  /**
   * The radius r of each of {@link #BLUR_PASSES} box blurs (width 2r + 1) whose sum has the
   * variance of the Gaussian: n (w² - 1) / 12 = σ².
   */
  static int blurRadius(int shorterSide) {
    double sigma = BLUR_SIGMA_AT_224 * shorterSide / 224.0;
    double width = Math.sqrt(12 * sigma * sigma / BLUR_PASSES + 1);
    return Math.max(0, (int) Math.round((width - 1) / 2));
  }

  private static void boxBlurRows(float[] image, int height, int width, int radius) {
    float[] line = new float[width];
    for (int y = 0; y < height; y++) {
      System.arraycopy(image, y * width, line, 0, width);
      boxBlurLine(line, image, y * width, 1, radius);
    }
  }

  /**
   * The column pass of {@link #boxBlurLine}, a row at a time: a running sum per column, so that the
   * image is read and written in memory order.
   */
  private static void boxBlurColumns(float[] image, int height, int width, int radius) {
    float[] source = image.clone();
    double[] sums = new double[width];
    for (int k = -radius; k <= radius; k++) {
      int row = clamp(k, height) * width;
      for (int x = 0; x < width; x++) {
        sums[x] += source[row + x];
      }
    }
    double size = 2 * radius + 1;
    for (int y = 0; y < height; y++) {
      int out = y * width;
      int entering = clamp(y + radius + 1, height) * width;
      int leaving = clamp(y - radius, height) * width;
      for (int x = 0; x < width; x++) {
        image[out + x] = (float) (sums[x] / size);
        sums[x] += source[entering + x] - source[leaving + x];
      }
    }
  }

  /** The mean of each window of 2r + 1 values of {@code line}, ends extended, written strided. */
  private static void boxBlurLine(float[] line, float[] out, int start, int stride, int radius) {
    int n = line.length;
    double windowSum = 0;
    for (int k = -radius; k <= radius; k++) {
      windowSum += line[clamp(k, n)];
    }
    double size = 2 * radius + 1;
    for (int i = 0; i < n; i++) {
      out[start + i * stride] = (float) (windowSum / size);
      windowSum += line[clamp(i + radius + 1, n)] - line[clamp(i - radius, n)];
    }
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : i >= n ? n - 1 : i;
  }

  /** Standard normal draws from one seeded generator, for one image's fill. */
  static final class Noise {
    private final SplittableRandom random;

    Noise(long seed) {
      this.random = new SplittableRandom(seed);
    }

    double next() {
      return random.nextGaussian();
    }
  }
}
