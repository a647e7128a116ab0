package io.camaudit.audit;

import io.camaudit.cam.LayerTrace;
import io.camaudit.image.FloatMap;
import java.util.Arrays;

/**
 * An image's attention signature, the vector that slice discovery clusters the images of a class by
 * (SpRAy, Lapuschkin et al. 2019, clusters heatmaps; this adds where the heatmap lies against the
 * boxes and what the model sees there). Three blocks, each of length at most about 1:
 *
 * <ol>
 *   <li><b>Where</b> (3 values): the share of heatmap energy inside the target boxes, the share
 *       outside, and the share of the hot region's energy inside them ({@link
 *       io.camaudit.metrics.HotEnergy}); 0.5 each for an image without boxes of its class.
 *   <li><b>Spread</b> ({@value #GRID}×{@value #GRID} values): the map summed on a fixed coarse grid
 *       and normalised to sum 1, its cells sorted from the largest share down. Sorted, so that it
 *       says how concentrated the attention is but not where: a shortcut that sits in any corner (a
 *       tag, a watermark) gives one signature, where the grid in image order splits its images by
 *       corner.
 *   <li><b>What</b> (one value per channel of the target layer): the layer's features where the map
 *       is hot ({@link LayerTrace#hotRegionFeatures}), scaled to unit length.
 * </ol>
 */
public final class AttentionSignature {

  /** Cells per side of the coarse grid of the spread block. */
  public static final int GRID = 4;

  /** Length of the where block. */
  static final int WHERE = 3;

  private static final float UNKNOWN = 0.5f;

  private AttentionSignature() {}

  /** The signature of one explained image and class. */
  public static float[] of(ImageStats stats) {
    float[] features = stats.result().attendedFeatures();
    float[] signature = new float[WHERE + GRID * GRID + features.length];
    boolean energy = stats.energy() != null && Double.isFinite(stats.energy().inFraction());
    signature[0] = energy ? (float) stats.energy().inFraction() : UNKNOWN;
    signature[1] = 1 - signature[0];
    Double hot = stats.hotInFraction();
    signature[2] = hot != null && Double.isFinite(hot) ? hot.floatValue() : UNKNOWN;
    float[] spread = spread(stats.result().cam());
    System.arraycopy(spread, 0, signature, WHERE, spread.length);
    double norm = 0;
    for (float f : features) {
      norm += (double) f * f;
    }
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (int k = 0; k < features.length; k++) {
      signature[WHERE + spread.length + k] = (float) (features[k] * scale);
    }
    return signature;
  }

  /**
   * The map summed on a {@value #GRID}×{@value #GRID} grid (map cell (y, x) falls in grid cell
   * (⌊y·GRID/h⌋, ⌊x·GRID/w⌋)), as shares of its total, sorted from the largest down; all zero for a
   * map without energy.
   */
  static float[] spread(FloatMap map) {
    double[] cells = new double[GRID * GRID];
    double total = 0;
    for (int y = 0; y < map.height(); y++) {
      for (int x = 0; x < map.width(); x++) {
        float value = map.get(y, x);
        cells[(y * GRID / map.height()) * GRID + x * GRID / map.width()] += value;
        total += value;
      }
    }
    Arrays.sort(cells);
    float[] shares = new float[cells.length];
    for (int c = 0; c < cells.length; c++) {
      shares[c] = total > 0 ? (float) (cells[cells.length - 1 - c] / total) : 0;
    }
    return shares;
  }
}
