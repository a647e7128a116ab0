package io.camaudit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each fill changes only the removed pixels, and fills them with what its definition says. */
class RegionFillTest {

  private static final int H = 24;
  private static final int W = 32;

  /** Two channels: a ramp a x + b y + c, and noise. */
  private static float[] image(long seed) {
    Random random = new Random(seed);
    float[] data = new float[2 * H * W];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        data[y * W + x] = 0.05f * x - 0.03f * y + 0.2f;
        data[H * W + y * W + x] = (float) random.nextGaussian();
      }
    }
    return data;
  }

  /** The rectangle [x0, x1) x [y0, y1). */
  private static boolean[] rectangle(int x0, int y0, int x1, int y1) {
    boolean[] mask = new boolean[H * W];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        mask[y * W + x] = true;
      }
    }
    return mask;
  }

  @Test
  void everyFillKeepsTheKeptPixelsAndChangesTheRemovedOnes() {
    boolean[] removed = rectangle(8, 6, 20, 15);
    for (RegionFill fill : RegionFill.values()) {
      float[] original = image(1);
      float[] filled = original.clone();
      fill.fill(filled, 0, 2, H, W, removed, 5);
      int changed = 0;
      for (int i = 0; i < filled.length; i++) {
        boolean isRemoved = removed[i % (H * W)];
        if (!isRemoved) {
          assertEquals(original[i], filled[i], fill + " kept pixel " + i);
        } else if (i >= H * W && original[i] != filled[i]) {
          changed++;
        }
      }
      // The noise channel's removed pixels: a blur leaves the ramp channel's as they were.
      assertTrue(changed > 0.9 * 12 * 9, fill + " changed " + changed);
    }
  }

  @Test
  void meanFillsEachChannelWithItsMeanOverTheWholeImage() {
    float[] data = image(2);
    double[] means = new double[2];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < H * W; i++) {
        means[c] += data[c * H * W + i] / (double) (H * W);
      }
    }
    boolean[] removed = rectangle(0, 0, 5, 5);
    RegionFill.MEAN.fill(data, 0, 2, H, W, removed, 0);
    assertEquals(means[0], data[3 * W + 3], 1e-6);
    assertEquals(means[1], data[H * W + 4 * W + 2], 1e-6);
  }

  @Test
  void blurIsAGaussianOfSigmaTenAtA224PixelInput() {
    int size = 224;
    float[] impulse = new float[size * size];
    impulse[112 * size + 112] = 1;
    boolean[] all = new boolean[size * size];
    Arrays.fill(all, true);
    RegionFill.BLUR.fill(impulse, 0, 1, size, size, all, 0);
    double sum = 0;
    double variance = 0;
    for (int x = 0; x < size; x++) {
      double column = 0;
      for (int y = 0; y < size; y++) {
        column += impulse[y * size + x];
      }
      sum += column;
      variance += column * (x - 112) * (x - 112);
    }
    assertEquals(1, sum, 1e-4, "mass kept away from the edges");
    assertEquals(10, Math.sqrt(variance), 1, "σ along x");
    assertEquals(impulse[112 * size + 100], impulse[100 * size + 112], 1e-7, "the same both ways");
    assertEquals(20, RegionFill.blurRadius(448), 0, "σ scales with the shorter side");
  }

  @Test
  void noisyLinearRestoresALinearRampUpToItsNoise() {
    float[] data = image(3);
    float[] ramp = Arrays.copyOf(data, H * W);
    boolean[] removed = rectangle(6, 4, 26, 20);
    RegionFill.NOISY_LINEAR.fill(data, 0, 2, H, W, removed, 11);
    double squared = 0;
    int n = 0;
    for (int i = 0; i < H * W; i++) {
      if (removed[i]) {
        squared += Math.pow(data[i] - ramp[i], 2);
        n++;
      }
    }
    // A linear function is its neighbours' weighted mean: only the noise (σ 0.01) is left.
    assertEquals(RegionFill.IMPUTATION_NOISE, Math.sqrt(squared / n), 0.002);
  }

  @Test
  void noisyLinearSolvesRoadsSystem() {
    // ROAD's equations, written out densely and solved by elimination, on a small image with an
    // irregular hole touching two edges.
    int h = 5;
    int w = 6;
    Random random = new Random(4);
    float[] channel = new float[h * w];
    for (int i = 0; i < channel.length; i++) {
      channel[i] = random.nextFloat();
    }
    boolean[] removed = new boolean[h * w];
    for (int i : new int[] {0, 1, 7, 8, 9, 14, 15, 21, 27, 28}) {
      removed[i] = true;
    }
    double[] expected = denseRoadSolve(channel, h, w, removed);
    float[] solved = channel.clone();
    NeighbourImputation.solve(solved, h, w, removed);
    for (int i = 0; i < channel.length; i++) {
      assertEquals(removed[i] ? expected[i] : channel[i], solved[i], 1e-5, "pixel " + i);
    }
  }

  /** ROAD's system A x = b (their signs), built from its definition and solved densely. */
  private static double[] denseRoadSolve(float[] img, int h, int w, boolean[] removed) {
    int[][] offsets = {{1, 1}, {0, 1}, {-1, 1}, {1, -1}, {0, -1}, {-1, -1}, {1, 0}, {-1, 0}};
    double[] weights = {1 / 12.0, 1 / 6.0, 1 / 12.0, 1 / 12.0, 1 / 6.0, 1 / 12.0, 1 / 6.0, 1 / 6.0};
    int[] ids = new int[h * w];
    int n = 0;
    for (int i = 0; i < h * w; i++) {
      ids[i] = removed[i] ? n++ : -1;
    }
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < h * w; i++) {
      if (!removed[i]) {
        continue;
      }
      int row = ids[i];
      double sumNeighbours = 1;
      for (int k = 0; k < offsets.length; k++) {
        int y = i / w + offsets[k][0];
        int x = i % w + offsets[k][1];
        if (y < 0 || x < 0 || y >= h || x >= w) {
          sumNeighbours -= weights[k];
        } else if (removed[y * w + x]) {
          a[row][ids[y * w + x]] = weights[k];
        } else {
          a[row][n] -= weights[k] * img[y * w + x];
        }
      }
      a[row][row] = -sumNeighbours;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] out = new double[h * w];
    for (int i = 0; i < h * w; i++) {
      out[i] = removed[i] ? a[ids[i]][n] / a[ids[i]][ids[i]] : img[i];
    }
    return out;
  }

  @Test
  void blurEqualsThreeBoxBlursEachWayWithTheEdgesExtended() {
    int height = 37;
    int width = 53;
    Random random = new Random(11);
    float[] pixels = new float[height * width];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    boolean[] all = new boolean[pixels.length];
    Arrays.fill(all, true);
    float[] blurred = pixels.clone();
    RegionFill.BLUR.fill(blurred, 0, 1, height, width, all, 0);

    int r = RegionFill.blurRadius(height);
    double[] expected = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      expected[i] = pixels[i];
    }
    for (int pass = 0; pass < 3; pass++) {
      double[] rows = new double[expected.length];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          for (int k = -r; k <= r; k++) {
            rows[y * width + x] += expected[y * width + clamp(x + k, width)] / (2 * r + 1);
          }
        }
      }
      expected = new double[expected.length];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          for (int k = -r; k <= r; k++) {
            expected[y * width + x] += rows[clamp(y + k, height) * width + x] / (2 * r + 1);
          }
        }
      }
    }
    for (int i = 0; i < pixels.length; i++) {
      assertEquals(expected[i], blurred[i], 1e-5, "pixel " + i);
    }
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  @Test
  void fillingInsideAndOutsideAtOnceEqualsTwoFills() {
    boolean[] region = rectangle(5, 4, 17, 13);
    boolean[] rest = new boolean[region.length];
    for (int i = 0; i < region.length; i++) {
      rest[i] = !region[i];
    }
    for (RegionFill fill : RegionFill.values()) {
      float[] one = image(8);
      float[] both = new float[2 * one.length];
      System.arraycopy(one, 0, both, 0, one.length);
      System.arraycopy(one, 0, both, one.length, one.length);
      fill.fillInsideAndOutside(both, 0, one.length, 2, H, W, region, 3);
      float[] inside = Arrays.copyOfRange(both, 0, one.length);
      float[] outside = Arrays.copyOfRange(both, one.length, both.length);
      float[] insideAlone = image(8);
      float[] outsideAlone = image(8);
      fill.fill(insideAlone, 0, 2, H, W, region, 3);
      fill.fill(outsideAlone, 0, 2, H, W, rest, 3);
      // The noisy fill draws its noise in another order: equal up to the noise.
      float tolerance = fill == RegionFill.NOISY_LINEAR ? 0.1f : 0f;
      assertArrayEquals(insideAlone, inside, tolerance, fill + " inside");
      assertArrayEquals(outsideAlone, outside, tolerance, fill + " outside");
    }
  }

  @Test
  void theNoiseIsSeededSoARerunFillsAlike() {
    boolean[] removed = rectangle(3, 3, 12, 9);
    float[] first = image(5);
    float[] again = image(5);
    float[] other = image(5);
    RegionFill.NOISY_LINEAR.fill(first, 0, 2, H, W, removed, 42);
    RegionFill.NOISY_LINEAR.fill(again, 0, 2, H, W, removed, 42);
    RegionFill.NOISY_LINEAR.fill(other, 0, 2, H, W, removed, 43);
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void aWhollyRemovedImageIsFilledWithoutFailing() {
    boolean[] all = new boolean[H * W];
    Arrays.fill(all, true);
    for (RegionFill fill : RegionFill.values()) {
      float[] data = image(6);
      fill.fill(data, 0, 2, H, W, all, 1);
      for (float v : data) {
        assertTrue(Float.isFinite(v), fill + ": " + v);
      }
    }
  }

  @Test
  void fillsWorkAtAnOffsetOfABatchAndParseTheirNames() {
    float[] batch = new float[3 * 2 * H * W];
    float[] second = image(7);
    System.arraycopy(second, 0, batch, 2 * H * W, second.length);
    float[] alone = second.clone();
    boolean[] removed = rectangle(1, 1, 9, 9);
    RegionFill.BLUR.fill(batch, 2 * H * W, 2, H, W, removed, 0);
    RegionFill.BLUR.fill(alone, 0, 2, H, W, removed, 0);
    assertArrayEquals(alone, Arrays.copyOfRange(batch, 2 * H * W, 4 * H * W));
    assertEquals(RegionFill.NOISY_LINEAR, RegionFill.parse(" Noisy-Linear "));
    assertEquals("noisy-linear", RegionFill.NOISY_LINEAR.id());
    assertThrows(IllegalArgumentException.class, () -> RegionFill.parse("zeros"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegionFill.MEAN.fill(batch, 0, 2, H, W, new boolean[3], 0));
  }
}
