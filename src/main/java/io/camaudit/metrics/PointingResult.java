package io.camaudit.metrics;

/**
 * The outcome of the {@link PointingGame} for one map.
 *
 * @param hit whether the map's peak lies within the tolerance of a box
 * @param peakX column of the peak pixel
 * @param peakY row of the peak pixel
 */
public record PointingResult(boolean hit, int peakX, int peakY) {}
