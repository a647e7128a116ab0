package io.camaudit.metrics;

import io.camaudit.image.Box;
import io.camaudit.image.FloatMap;
import io.camaudit.image.MapSurface;
import java.util.List;

/**
 * The pointing game of Zhang et al., "Top-down Neural Attention by Excitation Backprop", ECCV 2016:
 * a map scores a hit when its maximum lies within a tolerance of a box of the target class.
 *
 * <p>The peak is the first maximum in row-major order, placed at its pixel's centre. Its distance
 * to a box is the Euclidean distance to the nearest point of the box (0 inside); a hit needs that
 * distance to be at most the tolerance for at least one box.
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
    double centreX = peakX + 0.5;
    double centreY = peakY + 0.5;
    boolean hit = false;
    for (Box box : boxes) {
      double dx = Math.max(0, Math.max(box.x0() - centreX, centreX - box.x1()));
      double dy = Math.max(0, Math.max(box.y0() - centreY, centreY - box.y1()));
      hit |= Math.hypot(dx, dy) <= tolerancePixels;
    }
    return new PointingResult(hit, peakX, peakY);
  }
}
