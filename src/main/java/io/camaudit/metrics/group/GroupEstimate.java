package io.camaudit.metrics.group;

import java.io.Serializable;

/**
 * A group metric with its bootstrap replicate means: replicate b's mean {@code Σ w_b·x / Σ w_b}
 * over the group's images, NaN where {@code Σ w_b = 0}. Two runs with the same bootstrap seed give
 * an image the same weights in both, so the replicate-wise differences of two runs' means are a
 * paired bootstrap of the change between them.
 *
 * @param metric the metric, its value and interval
 * @param replicateMeans the replicate means, index b for replicate b; {@code null} when unknown (a
 *     run written before they were stored)
 */
public record GroupEstimate(GroupMetric metric, double[] replicateMeans) implements Serializable {

  private static final long serialVersionUID = 1L;
}
