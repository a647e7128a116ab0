package io.camaudit.audit;

import io.camaudit.cam.CamResult;
import io.camaudit.metrics.BoxEnergy;

/**
 * What the audit found for one image.
 *
 * @param result the explanation
 * @param imageWidth original width, pixels
 * @param imageHeight original height, pixels
 * @param targetBoxCount boxes of the target class
 * @param energy heatmap energy against the target class's boxes; {@code null} without such boxes
 */
public record ImageStats(
    CamResult result, int imageWidth, int imageHeight, int targetBoxCount, BoxEnergy energy) {}
