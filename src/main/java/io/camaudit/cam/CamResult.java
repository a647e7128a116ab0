package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * The explanation of one image.
 *
 * @param cam the raw map at feature resolution (after the method's ReLU, not normalised)
 * @param targetClass index of the explained class
 * @param targetSource whether the target came from the label or the prediction
 * @param targetLogit pre-softmax score of the target class
 * @param targetProbability softmax probability of the target class
 * @param predictedClass arg-max class of the logits
 */
public record CamResult(
    FloatMap cam,
    int targetClass,
    TargetSource targetSource,
    float targetLogit,
    double targetProbability,
    int predictedClass) {

  /** Where an image's target class came from. */
  public enum TargetSource {
    /** The image's label. */
    LABEL,
    /** The model's arg-max prediction (no label given). */
    PREDICTED
  }
}
