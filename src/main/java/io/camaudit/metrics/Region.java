package io.camaudit.metrics;

import io.camaudit.image.Box;

/**
 * A connected region of a thresholded map ({@link ThresholdRegions}).
 *
 * @param box the region's bounding box over whole pixels: columns {@code minX..maxX} and rows
 *     {@code minY..maxY} give {@code (minX, minY, maxX + 1, maxY + 1)}, without a label
 * @param pixels number of pixels in the region
 * @param energyShare the map's sum over the region's pixels divided by its sum over all pixels
 */
public record Region(Box box, int pixels, double energyShare) {}
