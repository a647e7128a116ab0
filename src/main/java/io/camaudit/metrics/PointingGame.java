package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import java.util.List;

/**
 * The pointing game of Zhang et al., "Top-down Neural Attention by Excitation Backprop", ECCV 2016,
 * as their benchmark's reference implementation scores it (TorchRay at commit 6a198ee, {@code
 * torchray/benchmark/pointing_game.py}, {@code PointingGame.evaluate} and {@code voc_as_mask}): a
 * map scores a hit when its maximum is strictly within a tolerance of a pixel of the target class's
 * boxes.
 *
 * <p>The peak is the first maximum in row-major order (an arg-max), a pixel {@code (u, v)}. The
 * boxes' mask is the pixels whose centres lie inside a box (for integer boxes, the pixels {@code x0
 * … x1 - 1}, {@code y0 … y1 - 1}, as VOC's inclusive 1-based boxes give). A hit needs a mask pixel
 * {@code (c, r)} with {@code (c - u)² + (r - v)² < tolerance²}; with tolerance 0 nothing hits, as
 * in the reference.
 */
public final class PointingGame {

  /** The tolerance of Zhang et al.'s benchmark, pixels. */
  public static final double DEFAULT_TOLERANCE_PIXELS = 15;

  private PointingGame() {}

  /** Plays the game with the default tolerance of 15 pixels. */
  public static PointingResult play(FloatMap map, List<Box> boxes) {
    return play(map, boxes, DEFAULT_TOLERANCE_PIXELS);
  }

  /**
   * Plays the game for {@code map} (at image resolution) against {@code boxes} of the target class.
   *
   * @throws IllegalArgumentException without boxes or with a negative or non-finite tolerance
   */
  public static PointingResult play(FloatMap map, List<Box> boxes, double tolerancePixels) {
    return play(MapSurface.ofImageMap(map).peak(), boxes, tolerancePixels);
  }

  /**
   * Plays the game for a picture's {@link MapSurface#peak peak} against {@code boxes} of the target
   * class.
   *
   * @throws IllegalArgumentException without boxes or with a negative or non-finite tolerance
   */
  public static PointingResult play(MapSurface.Peak peak, List<Box> boxes, double tolerancePixels) {
    if (boxes.isEmpty()) {
      throw new IllegalArgumentException(
          "Pointing game needs at least one box of the target class (got none)");
    }
    if (!(tolerancePixels >= 0 && Double.isFinite(tolerancePixels))) {
      throw new IllegalArgumentException(
          "Invalid pointing-game tolerance (expected a finite number >= 0 pixels): "
              + tolerancePixels);
    }
    int peakX = peak.x();
    int peakY = peak.y();
    boolean hit = false;
    for (Box box : boxes) {
      long dx = offsetToMask(peakX, box.x0(), box.x1());
      long dy = offsetToMask(peakY, box.y0(), box.y1());
      hit |= dx >= 0 && dy >= 0 && dx * dx + dy * dy < tolerancePixels * tolerancePixels;
    }
    return new PointingResult(hit, peakX, peakY);
  }

  /**
   * The distance along one axis from pixel {@code p} to the nearest pixel whose centre lies in
   * {@code [start, end)}, or -1 when no pixel centre does.
   */
  private static long offsetToMask(int p, double start, double end) {
    long first = (long) Math.ceil(start - 0.5);
    long last = (long) Math.ceil(end - 0.5) - 1;
    if (first > last) {
      return -1;
    }
    return p < first ? first - p : p > last ? p - last : 0;
  }
}
