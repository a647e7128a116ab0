package io.camaudit.metrics.group;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One audited image's inputs to the group metrics ({@link Metric}). A {@code null} (or NaN) field
 * is undefined for the image, and the metrics derived from it skip the image.
 *
 * @param imageId the image's id; seeds the image's bootstrap weights ({@link GroupBootstrap})
 * @param groups the image's value per group column; a column that is absent or maps to {@code null}
 *     puts the image in none of that column's groups
 * @param correct whether the prediction matches the label; {@code null} without a label
 * @param energyInFraction heatmap energy inside the target boxes over all energy; {@code null}
 *     without boxes
 * @param energyLift {@code energyInFraction} over the boxes' area fraction; {@code null} without
 *     boxes
 * @param pointingHit whether the heatmap's maximum lies in a target box; {@code null} without boxes
 * @param camBoxIou IoU of the thresholded heatmap's box with the target boxes; {@code null} without
 *     boxes
 * @param camMultChange the target's probability on the input multiplied by its heatmap, less its
 *     probability on the input; {@code null} outside the perturbation sample
 * @param roadCombined pytorch-grad-cam's ROADCombined for the image's map; {@code null} outside the
 *     ROAD sample
 * @param backgroundOnlyCorrect whether the model still predicts the label with the boxes' content
 *     filled; {@code null} without a label, boxes or that measurement
 * @param objectOnlyCorrect whether it predicts the label with all but the boxes filled; {@code
 *     null} likewise
 * @param confidenceDrop the target's probability less its probability with the boxes' content
 *     filled; {@code null} without boxes or that measurement
 */
public record ImageMetrics(
    String imageId,
    Map<String, String> groups,
    Boolean correct,
    Double energyInFraction,
    Double energyLift,
    Boolean pointingHit,
    Double camBoxIou,
    Double camMultChange,
    Double roadCombined,
    Boolean backgroundOnlyCorrect,
    Boolean objectOnlyCorrect,
    Double confidenceDrop) {

  /** An image not measured on perturbed inputs. */
  public ImageMetrics(
      String imageId,
      Map<String, String> groups,
      Boolean correct,
      Double energyInFraction,
      Double energyLift,
      Boolean pointingHit,
      Double camBoxIou) {
    this(
        imageId,
        groups,
        correct,
        energyInFraction,
        energyLift,
        pointingHit,
        camBoxIou,
        null,
        null,
        null,
        null,
        null);
  }

  /** Checks the id and takes an unmodifiable copy of {@code groups} (which may hold nulls). */
  public ImageMetrics {
    if (imageId == null) {
      throw new IllegalArgumentException("imageId is null; expected the image's id");
    }
    if (groups == null) {
      throw new IllegalArgumentException(
          "groups of image '" + imageId + "' is null; expected a map, empty for no groups");
    }
    groups = Collections.unmodifiableMap(new HashMap<>(groups));
  }
}
