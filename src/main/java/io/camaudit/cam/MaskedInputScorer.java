package io.camaudit.cam;

import io.camaudit.image.FloatMap;
import java.util.List;

/**
 * Scores one image's target class on copies of the image multiplied by masks: what Score-CAM needs
 * from the model beyond the layer trace. {@link CamExplainer} gives every trace one, backed by
 * {@link CamModel#predict(InputBatch)}.
 */
public interface MaskedInputScorer {

  /** Rows of the model input, the size masks must have. */
  int height();

  /** Columns of the model input. */
  int width();

  /**
   * The target class's logit (pre-softmax) for each masked copy of the image, where a copy is the
   * preprocessed image with every channel multiplied element-wise by the mask. All masks go through
   * the model in one forward pass, so callers choose the batch size by how many masks they pass.
   *
   * @param masks {@link #height()} x {@link #width()} maps, at least one
   * @return one logit per mask, in order
   */
  float[] targetLogits(List<FloatMap> masks);
}
