package io.camaudit.audit;

import io.camaudit.cam.CamResult;
import io.camaudit.metrics.BoxEnergy;
import io.camaudit.metrics.CamBox;
import io.camaudit.metrics.LocalisationTrace;
import io.camaudit.metrics.PointingResult;
import io.camaudit.metrics.RegionLadder;

/**
 * What the audit found for one image. Fields that need ground truth are {@code null} when the image
 * has no box of the target class.
 *
 * @param result the explanation
 * @param imageWidth original width, pixels
 * @param imageHeight original height, pixels
 * @param targetBoxCount boxes of the target class
 * @param energy heatmap energy against the target boxes
 * @param pointing pointing game against the target boxes
 * @param hotInFraction the share of the map's hot region's energy inside the target boxes ({@link
 *     io.camaudit.metrics.HotEnergy}); null without target boxes
 * @param camBox box of the largest region above 15% of the maximum, with its IoU (NaN without
 *     target boxes); {@code null} for a map without energy
 * @param regions the map's connected regions at each threshold (weakly supervised boxes)
 * @param localisation per-threshold IoUs for MaxBoxAcc
 * @param heatmapPng the upsampled heatmap as an 8-bit PNG, when asked for
 * @param overlayPng the heatmap drawn over the image ({@link io.camaudit.image.CamOverlay}) as a
 *     PNG, when asked for
 * @param decodeWarning what the decoder warned about without rejecting the image (an approximate
 *     colour conversion, say), or {@code null}
 * @param camMultChange the change of the class's probability when the input is multiplied by its
 *     heatmap ({@link CamMultiplication}); {@code null} outside the perturbation sample
 * @param reliance the class's probability on the background-only and object-only images; {@code
 *     null} for an image without boxes, or when the run does not measure it
 * @param road the class's ROAD scores; {@code null} outside the ROAD sample
 */
public record ImageStats(
    CamResult result,
    int imageWidth,
    int imageHeight,
    int targetBoxCount,
    BoxEnergy energy,
    PointingResult pointing,
    Double hotInFraction,
    CamBox camBox,
    RegionLadder regions,
    LocalisationTrace localisation,
    byte[] heatmapPng,
    byte[] overlayPng,
    String decodeWarning,
    Double camMultChange,
    BackgroundReliance reliance,
    RoadScores road) {}
