package io.camaudit.cam;

import io.camaudit.image.FloatMap;
import java.util.List;

/** The {@link MaskedInputScorer} of one image of a batch: one {@link CamModel#predict} a call. */
final class ModelInputScorer implements MaskedInputScorer {

  private final CamModel model;
  private final InputBatch batch;
  private final int image;
  private final int target;

  ModelInputScorer(CamModel model, InputBatch batch, int image, int target) {
    this.model = model;
    this.batch = batch;
    this.image = image;
    this.target = target;
  }

  @Override
  public int height() {
    return batch.height();
  }

  @Override
  public int width() {
    return batch.width();
  }

  @Override
  public float[] targetLogits(List<FloatMap> masks) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("Expected at least one mask to score, got none");
    }
    int channels = batch.channels();
    int area = batch.height() * batch.width();
    int length = batch.imageLength();
    int source = image * length;
    float[] pixels = batch.data();
    float[] data = new float[masks.size() * length];
    for (int m = 0; m < masks.size(); m++) {
      FloatMap mask = masks.get(m);
      if (mask.height() != batch.height() || mask.width() != batch.width()) {
        throw new IllegalArgumentException(
            "Invalid mask size "
                + mask.height()
                + "x"
                + mask.width()
                + ": expected the input's "
                + batch.height()
                + "x"
                + batch.width());
      }
      float[] weights = mask.values();
      for (int c = 0; c < channels; c++) {
        int from = source + c * area;
        int to = m * length + c * area;
        for (int i = 0; i < area; i++) {
          data[to + i] = pixels[from + i] * weights[i];
        }
      }
    }
    float[] logits =
        model.predict(new InputBatch(masks.size(), channels, batch.height(), batch.width(), data));
    int numLogits = logits.length / masks.size();
    float[] scores = new float[masks.size()];
    for (int m = 0; m < scores.length; m++) {
      scores[m] = model.head().score(logits, m * numLogits, target);
    }
    return scores;
  }
}
