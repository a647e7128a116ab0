package io.camaudit.audit;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.image.RegionFill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ROAD (Rong et al., "A Consistent and Efficient Evaluation Strategy for Attribution Methods", ICML
 * 2022) as pytorch-grad-cam runs it ({@code ROADMostRelevantFirstAverage}, {@code
 * ROADLeastRelevantFirstAverage}, {@code ROADCombined}): for each percentile p of 10, 20, ..., 90
 * of the class's heatmap (as {@link CamMultiplication#asPytorchGradCam} hands it out), the pixels
 * at or above it (most relevant first) or, of {@code 1 - map}, at or above that one's (least
 * relevant first) are imputed by ROAD's noisy linear imputation, and the class's probability on the
 * result, less its probability on the input, is averaged over the percentiles. 18 forward passes
 * and as many imputations per (image, class): for a sample of images.
 */
final class Road {

  /** pytorch-grad-cam's default percentiles. */
  static final int[] PERCENTILES = {10, 20, 30, 40, 50, 60, 70, 80, 90};

  private final CamModel model;
  private final double noise;

  /**
   * @param noise standard deviation of the imputation's noise: ROAD's {@link
   *     RegionFill#IMPUTATION_NOISE}, or 0 to compare with a run without noise
   */
  Road(CamModel model, double noise) {
    this.model = model;
    this.noise = noise;
  }

  /**
   * The scores of each explained class of each sampled image of {@code batch}.
   *
   * @param sampled per image, whether to measure it
   * @param seeds per image, the seed of its imputation noise
   * @return per image, one score per result; null for an image not measured
   */
  List<List<RoadScores>> measure(
      InputBatch batch, List<List<CamResult>> results, boolean[] sampled, long[] seeds) {
    List<List<RoadScores>> scores = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      if (!sampled[n]) {
        scores.add(null);
        continue;
      }
      List<RoadScores> perClass = new ArrayList<>();
      for (CamResult result : results.get(n)) {
        perClass.add(score(batch, n, result, seeds[n]));
      }
      scores.add(perClass);
    }
    return scores;
  }

  private RoadScores score(InputBatch batch, int image, CamResult result, long seed) {
    int h = batch.height();
    int w = batch.width();
    int length = batch.imageLength();
    float[] map = CamMultiplication.asPytorchGradCam(result.cam(), h, w).values();
    float[] inverse = new float[map.length];
    for (int i = 0; i < map.length; i++) {
      inverse[i] = 1 - map[i];
    }
    int copies = 2 * PERCENTILES.length;
    double[] mapThresholds = percentiles(map, PERCENTILES);
    double[] inverseThresholds = percentiles(inverse, PERCENTILES);
    float[] data = new float[copies * length];
    for (int k = 0; k < copies; k++) {
      boolean mostRelevantFirst = k < PERCENTILES.length;
      float[] ranked = mostRelevantFirst ? map : inverse;
      double[] thresholds = mostRelevantFirst ? mapThresholds : inverseThresholds;
      float threshold = (float) thresholds[k % PERCENTILES.length];
      boolean[] removed = new boolean[ranked.length];
      for (int i = 0; i < ranked.length; i++) {
        removed[i] = !(ranked[i] < threshold);
      }
      System.arraycopy(batch.data(), image * length, data, k * length, length);
      RegionFill.imputeNoisyLinear(
          data, k * length, batch.channels(), h, w, removed, noise, seed + k);
    }
    float[] logits = model.predict(new InputBatch(copies, batch.channels(), h, w, data));
    Head head = model.head();
    int classes = model.classes().size();
    int numLogits = logits.length / copies;
    double[] mean = new double[2];
    for (int k = 0; k < copies; k++) {
      double change =
          head.probability(logits, k * numLogits, classes, result.targetClass())
              - result.targetProbability();
      mean[k < PERCENTILES.length ? 0 : 1] += change / PERCENTILES.length;
    }
    return new RoadScores(mean[0], mean[1]);
  }

  /**
   * NumPy's default percentiles of {@code values}: linear interpolation between the two nearest
   * ranks, one sort for all of {@code ps}.
   */
  static double[] percentiles(float[] values, int[] ps) {
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      double position = ps[i] / 100.0 * (sorted.length - 1);
      int below = (int) Math.floor(position);
      int above = Math.min(below + 1, sorted.length - 1);
      out[i] = sorted[below] + (sorted[above] - (double) sorted[below]) * (position - below);
    }
    return out;
  }
}
