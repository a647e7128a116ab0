package io.camaudit.audit;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.image.BilinearResize;
import io.camaudit.image.FloatMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Is the heatmap faithful? pytorch-grad-cam's {@code CamMultImageConfidenceChange}: the change in
 * the explained class's probability when the model input is multiplied, every channel, by the
 * class's heatmap as pytorch-grad-cam hands heatmaps out ({@link #asPytorchGradCam}). A map that
 * keeps what the decision rests on keeps (or raises) the probability; one that points elsewhere
 * loses it. One forward pass per batch, over every explained (image, class) pair.
 */
final class CamMultiplication {

  /** The guard of pytorch-grad-cam's {@code scale_cam_image} against an all-zero map. */
  private static final float SCALE_EPSILON = 1e-7f;

  private final CamModel model;

  CamMultiplication(CamModel model) {
    this.model = model;
  }

  /**
   * Per image of {@code batch}, per explained class in order: probability on the input multiplied
   * by the class's map, less the probability on the input ({@link CamResult#targetProbability}).
   *
   * @param measured per image, whether to measure it
   * @return per image, one change per result; null for an image not measured
   */
  List<List<Double>> confidenceChange(
      InputBatch batch, List<List<CamResult>> results, boolean[] measured) {
    int pairs = 0;
    for (int n = 0; n < batch.size(); n++) {
      pairs += measured[n] ? results.get(n).size() : 0;
    }
    List<List<Double>> changes = new ArrayList<>(batch.size());
    if (pairs == 0) {
      results.forEach(r -> changes.add(null));
      return changes;
    }
    int length = batch.imageLength();
    int area = batch.height() * batch.width();
    float[] data = new float[pairs * length];
    int p = 0;
    for (int n = 0; n < batch.size(); n++) {
      if (!measured[n]) {
        continue;
      }
      for (CamResult result : results.get(n)) {
        float[] weights = asPytorchGradCam(result.cam(), batch.height(), batch.width()).values();
        for (int c = 0; c < batch.channels(); c++) {
          int from = n * length + c * area;
          int to = p * length + c * area;
          for (int i = 0; i < area; i++) {
            data[to + i] = batch.data()[from + i] * weights[i];
          }
        }
        p++;
      }
    }
    float[] logits =
        model.predict(new InputBatch(pairs, batch.channels(), batch.height(), batch.width(), data));
    Head head = model.head();
    int classes = model.classes().size();
    int numLogits = logits.length / pairs;
    p = 0;
    for (int n = 0; n < batch.size(); n++) {
      if (!measured[n]) {
        changes.add(null);
        continue;
      }
      List<Double> perClass = new ArrayList<>(results.get(n).size());
      for (CamResult result : results.get(n)) {
        double multiplied =
            head.probability(logits, p++ * numLogits, classes, result.targetClass());
        perClass.add(multiplied - result.targetProbability());
      }
      changes.add(perClass);
    }
    return changes;
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
