package io.camaudit.audit;

import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.image.BilinearResize;
import io.camaudit.image.FloatMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Is the heatmap faithful? pytorch-grad-cam's {@code CamMultImageConfidenceChange}: the change in
 * the explained class's probability when the model input is multiplied, every channel, by the
 * class's heatmap as pytorch-grad-cam hands heatmaps out ({@link #asPytorchGradCam}). A map that
 * keeps what the decision rests on keeps (or raises) the probability; one that points elsewhere
 * loses it. One copy of the input per measured (image, class) pair, scored with the batch's other
 * {@link PerturbedCopies}.
 */
final class CamMultiplication {

  /** The guard of pytorch-grad-cam's {@code scale_cam_image} against an all-zero map. */
  private static final float SCALE_EPSILON = 1e-7f;

  private CamMultiplication() {}

  /**
   * Adds to {@code copies}, per measured image and explained class in order, the image multiplied
   * by the class's map; returns how to read, once the copies are scored, the probability on each
   * copy less the probability on the input ({@link CamResult#targetProbability}).
   *
   * @param results per image of the copies' source, its explained classes
   * @param measured per image, whether to measure it
   * @return per image, one change per result; null for an image not measured
   */
  static Function<PerturbedCopies.Scores, List<List<Double>>> addCopies(
      PerturbedCopies copies, List<List<CamResult>> results, boolean[] measured) {
    InputBatch batch = copies.source();
    int area = batch.height() * batch.width();
    List<int[]> copyOf = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      if (!measured[n]) {
        copyOf.add(null);
        continue;
      }
      int[] perClass = new int[results.get(n).size()];
      for (int r = 0; r < perClass.length; r++) {
        FloatMap cam = results.get(n).get(r).cam();
        float[] weights = asPytorchGradCam(cam, batch.height(), batch.width()).values();
        perClass[r] = copies.add(n);
        float[] data = copies.data();
        int offset = copies.offset(perClass[r]);
        for (int c = 0; c < batch.channels(); c++) {
          for (int i = 0; i < area; i++) {
            data[offset + c * area + i] *= weights[i];
          }
        }
      }
      copyOf.add(perClass);
    }
    return scores -> {
      List<List<Double>> changes = new ArrayList<>(batch.size());
      for (int n = 0; n < batch.size(); n++) {
        if (copyOf.get(n) == null) {
          changes.add(null);
          continue;
        }
        List<Double> perClass = new ArrayList<>(copyOf.get(n).length);
        for (int r = 0; r < copyOf.get(n).length; r++) {
          CamResult result = results.get(n).get(r);
          double multiplied = scores.probability(copyOf.get(n)[r], result.targetClass());
          perClass.add(multiplied - result.targetProbability());
        }
        changes.add(perClass);
      }
      return changes;
    };
  }

  /**
   * The map as pytorch-grad-cam's methods return it: {@code scale_cam_image} with the input's size
   * (less its minimum, over {@code 1e-7 +} its new maximum, then resized to the input bilinearly
   * with half-pixel centres as {@code cv2.resize}), then, as {@code aggregate_multi_layers} does
   * over its one layer, {@code scale_cam_image} once more: bilinear samples between the map's cells
   * rarely reach its maximum, so the second scaling stretches the map back to 1.
   */
  static FloatMap asPytorchGradCam(FloatMap cam, int height, int width) {
    FloatMap resized = BilinearResize.resize(minMaxScaled(cam), height, width);
    return minMaxScaled(resized);
  }

  /** {@code scale_cam_image} without resizing, in single precision. */
  private static FloatMap minMaxScaled(FloatMap map) {
    float[] values = map.values();
    float min = Float.POSITIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
    }
    float max = Float.NEGATIVE_INFINITY;
    float[] scaled = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = values[i] - min;
      max = Math.max(max, scaled[i]);
    }
    float divisor = SCALE_EPSILON + max;
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] /= divisor;
    }
    return new FloatMap(map.height(), map.width(), scaled);
  }
}
