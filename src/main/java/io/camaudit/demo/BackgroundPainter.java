package io.camaudit.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints muted backgrounds: a linear gradient between two tints of a per-source base tone, in a
 * random direction, plus mild per-pixel noise.
 *
 * <p>Every background pixel has a channel spread ({@code max - min} of R, G, B) of at most {@link
 * #MAX_SPREAD}, so vivid object and tag colours never occur in a background.
 */
final class BackgroundPainter {

  /**
   * Largest channel spread a background pixel can have: the widest base tone's 35, plus two tints,
   * one for rounding and two noise draws.
   */
  static final int MAX_SPREAD = 64;

  /** Base tones as {R, G, B}, in {@link ShortcutDatasetGenerator#SOURCES} order. */
  private static final List<int[]> BASE_TONES =
      List.of(
          new int[] {105, 115, 130}, // camera-a: cool grey-blue
          new int[] {150, 135, 115}, // camera-b: warm beige
          new int[] {190, 188, 182}); // studio: light neutral

  /** Stripe direction per class, degrees from horizontal ({@link #stripe}). */
  private static final int[] STRIPE_ANGLES = {0, 90, 45};

  /** Width of one light and one dark stripe together, pixels. */
  static final int STRIPE_PERIOD = 8;

  /** How much a stripe lightens or darkens every channel. */
  static final int STRIPE_AMPLITUDE = 24;

  private static final int MAX_BRIGHTNESS_SHIFT = 35;
  private static final int MAX_TINT = 8;
  private static final int MAX_NOISE = 6;

  private BackgroundPainter() {}

  /**
   * The base tone {R, G, B} of a source's backgrounds, before tints and noise.
   *
   * @param sourceIndex index into {@link ShortcutDatasetGenerator#SOURCES}
   */
  static int[] baseTone(int sourceIndex) {
    return BASE_TONES.get(sourceIndex).clone();
  }

  /**
   * Returns {@code width * height} packed RGB pixels, row-major.
   *
   * @param sourceIndex index into {@link ShortcutDatasetGenerator#SOURCES}
   */
  static int[] paint(int sourceIndex, int width, int height, SplittableRandom random) {
    int[] base = BASE_TONES.get(sourceIndex);
    double[] from = tint(base, random);
    double[] to = tint(base, random);
    double angle = random.nextDouble(2 * Math.PI);
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double reach = Math.abs(dx) * width / 2.0 + Math.abs(dy) * height / 2.0;
    int[] pixels = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double along = ((x + 0.5 - width / 2.0) * dx + (y + 0.5 - height / 2.0) * dy) / reach;
        double t = (along + 1) / 2;
        int rgb = 0;
        for (int channel = 0; channel < 3; channel++) {
          double value = from[channel] + (to[channel] - from[channel]) * t;
          int noisy = (int) Math.round(value) + random.nextInt(-MAX_NOISE, MAX_NOISE + 1);
          rgb = (rgb << 8) | Math.max(0, Math.min(255, noisy));
        }
        pixels[y * width + x] = rgb;
      }
    }
    return pixels;
  }

  /**
   * Lightens and darkens {@code pixels} (packed RGB, {@code width} a row) in stripes of {@link
   * #STRIPE_PERIOD} pixels, at a random phase, by ±{@link #STRIPE_AMPLITUDE} on every channel: the
   * channel spread stays as it was. The stripes run at {@code 0°, 90°, 45°} for class 0, 1, 2
   * (horizontal, vertical, diagonal).
   */
  static void stripe(int[] pixels, int width, int classIndex, SplittableRandom random) {
    double angle = Math.toRadians(STRIPE_ANGLES[classIndex]);
    double nx = -StrictMath.sin(angle);
    double ny = StrictMath.cos(angle);
    double phase = random.nextDouble(STRIPE_PERIOD);
    for (int i = 0; i < pixels.length; i++) {
      int x = i % width;
      int y = i / width;
      double across = (x + 0.5) * nx + (y + 0.5) * ny + phase;
      boolean light = Math.floorMod((long) Math.floor(2 * across / STRIPE_PERIOD), 2L) == 0;
      int shift = light ? STRIPE_AMPLITUDE : -STRIPE_AMPLITUDE;
      int rgb = 0;
      for (int channel = 0; channel < 3; channel++) {
        int value = (pixels[i] >> (16 - 8 * channel)) & 0xFF;
        rgb = (rgb << 8) | Math.max(0, Math.min(255, value + shift));
      }
      pixels[i] = rgb;
    }
  }

  private static double[] tint(int[] base, SplittableRandom random) {
    int shift = random.nextInt(-MAX_BRIGHTNESS_SHIFT, MAX_BRIGHTNESS_SHIFT + 1);
    double[] tone = new double[3];
    for (int channel = 0; channel < 3; channel++) {
      tone[channel] = base[channel] + shift + random.nextInt(-MAX_TINT, MAX_TINT + 1);
    }
    return tone;
  }
}
