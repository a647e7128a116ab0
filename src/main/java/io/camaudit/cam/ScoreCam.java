package io.camaudit.cam;

import io.camaudit.image.BilinearResize;
import io.camaudit.image.FloatMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Score-CAM (Wang et al., "Score-CAM: Score-Weighted Visual Explanations for Convolutional Neural
 * Networks", CVPR Workshops 2020, Algorithm 1): each channel is weighted by how much the model
 * still believes in the target when it sees only what that channel sees. For each channel {@code
 * k}: {@code A_k} upsampled bilinearly to the input size and min-max normalised to {@code [0, 1]}
 * is a mask {@code H_k}; the model scores the input multiplied by it, {@code s_k = f_c(X * H_k)}
 * (the target's logit); then
 *
 * <pre>
 * w_k = exp(s_k) / sum_j exp(s_j)      map = ReLU(sum_k w_k A_k)
 * </pre>
 *
 * <p>The softmax runs over the {@code K} channels, as in the paper's Algorithm 1 and in
 * pytorch-grad-cam; the authors' released code instead weights each channel by the softmax over
 * classes of its masked input, {@code softmax(f(X * H_k))_c}. Upsampling uses half-pixel centres
 * ({@link BilinearResize}, {@code align_corners=False} as in the authors' code; pytorch-grad-cam's
 * {@code UpsamplingBilinear2d} aligns corners). A channel constant over positions gives a mask of
 * zeros (its score is the blank input's); pytorch-grad-cam divides by {@code max - min + 1e-8},
 * which gives the same.
 *
 * <p>Cost: {@code K} extra forward passes of the whole model per image, in {@code ceil(K /
 * batchSize)} calls of {@link MaskedInputScorer#targetLogits}. The gradients the pipeline computes
 * are not used. Needs a trace with a scorer, which {@link CamExplainer} gives.
 */
public final class ScoreCam extends ChannelWeightedCam {

  /** Masked inputs per forward pass by default. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  private final int batchSize;

  /** Score-CAM scoring {@link #DEFAULT_BATCH_SIZE} masked inputs per forward pass. */
  public ScoreCam() {
    this(DEFAULT_BATCH_SIZE);
  }

  /** Score-CAM scoring {@code batchSize} masked inputs per forward pass. */
  public ScoreCam(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "Invalid Score-CAM batch size (expected positive): " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** Masked inputs per forward pass. */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public String name() {
    return "scorecam";
  }

  @Override
  protected double[] channelWeights(LayerTrace trace) {
    MaskedInputScorer scorer = trace.scorer();
    if (scorer == null) {
      throw new IllegalStateException(
          "Score-CAM needs to run the model on masked inputs, but the trace has no scorer: "
              + "explain through CamExplainer, or give the trace one with withScorer");
    }
    int channels = trace.channels();
    float[] scores = new float[channels];
    for (int start = 0; start < channels; start += batchSize) {
      int end = Math.min(start + batchSize, channels);
      List<FloatMap> masks = new ArrayList<>(end - start);
      for (int k = start; k < end; k++) {
        masks.add(mask(trace, k, scorer.height(), scorer.width()));
      }
      float[] logits = scorer.targetLogits(masks);
      System.arraycopy(logits, 0, scores, start, end - start);
    }
    return Targets.softmax(scores, 0, channels);
  }

  /** Channel {@code k} upsampled to {@code height x width} and min-max normalised to [0, 1]. */
  static FloatMap mask(LayerTrace trace, int k, int height, int width) {
    int area = trace.area();
    float[] channel = new float[area];
    for (int i = 0; i < area; i++) {
      channel[i] = trace.activation(k, i);
    }
    FloatMap upsampled =
        BilinearResize.resize(new FloatMap(trace.height(), trace.width(), channel), height, width);
    float[] values = upsampled.values();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float range = max - min;
    for (int i = 0; i < values.length; i++) {
      values[i] = range > 0 ? (values[i] - min) / range : 0f;
    }
    return upsampled;
  }
}
