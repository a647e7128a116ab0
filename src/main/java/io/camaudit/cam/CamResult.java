package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * The explanation of one image.
 *
 * @param cam the raw map at feature resolution (after the method's ReLU, not normalised)
 * @param targetClass index of the explained class
 * @param targetSource whether the target came from the label or the prediction
 * @param targetScore the explained score of the target class ({@link Head#score})
 * @param targetProbability the head's probability of the target class
 * @param predictedClass the most probable class
 * @param targetPredicted whether the model predicts the target class ({@link Head#predicts}: it is
 *     the decision, or for a multi-label head its probability reaches the threshold)
 * @param attendedFeatures the target layer's features where the map is hot, one per channel ({@link
 *     LayerTrace#hotRegionFeatures}): what the model looked at
 */
public record CamResult(
    FloatMap cam,
    int targetClass,
    TargetSource targetSource,
    float targetScore,
    double targetProbability,
    int predictedClass,
    boolean targetPredicted,
    float[] attendedFeatures) {

  /** Where an image's target class came from. */
  public enum TargetSource {
    /** The image's label. */
    LABEL,
    /** The model's arg-max prediction (no label given). */
    PREDICTED
  }
}
