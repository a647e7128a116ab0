package io.camaudit.metrics.group;

import java.io.Serializable;

/**
 * How far one metric varies across the groups of one group column, after Fairlearn's {@code
 * MetricFrame} (Weerts et al., "Fairlearn: Assessing and Improving Fairness of AI Systems", JMLR
 * 2023): {@code difference()} and {@code ratio()} over the groups, and the worst group.
 *
 * @param groupColumn the group column
 * @param metric the metric's {@linkplain Metric#id() id}
 * @param overall the metric over all images
 * @param difference largest minus smallest group value
 * @param ratio smallest over largest group value; NaN when the largest is 0
 * @param worstGroup the group with the worst value (lowest, or highest for a metric where lower is
 *     better); the first in the input on ties
 * @param worstValue that group's value
 */
public record GroupDisparity(
    String groupColumn,
    String metric,
    double overall,
    double difference,
    double ratio,
    String worstGroup,
    double worstValue)
    implements Serializable {}
