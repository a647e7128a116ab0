package io.camaudit.nightly;

/**
 * One (group, metric) row of the nightly comparison: the change against the baseline run, its
 * bootstrap interval and p-value, and whether it breached ({@code audit_diff}). Fields that a
 * {@link ChangeStatus#NEW} or {@link ChangeStatus#VANISHED} row cannot have are {@code null}.
 *
 * @param groupColumn the group column, or {@code *}
 * @param groupValue the group's value, or {@code *}
 * @param metric the metric's id
 * @param status new, vanished, changed or unchanged
 * @param before the baseline run's value
 * @param after this run's value
 * @param change {@code after − before}
 * @param changeCiLow lower end of the change's 95% bootstrap interval
 * @param changeCiHigh upper end of that interval
 * @param pValue two-sided p-value of "no change"
 * @param qValue the Benjamini–Hochberg adjusted p-value over the run's rows
 * @param nBefore images behind {@code before}; 0 when new
 * @param nAfter images behind {@code after}; 0 when vanished
 * @param threshold the metric's {@code max-change}, or {@code null} when it has none
 * @param judged whether the row can breach: the metric has a threshold and the group enough images
 * @param breached whether the row alerts
 */
public record MetricChange(
    String groupColumn,
    String groupValue,
    String metric,
    ChangeStatus status,
    Double before,
    Double after,
    Double change,
    Double changeCiLow,
    Double changeCiHigh,
    Double pValue,
    Double qValue,
    long nBefore,
    long nAfter,
    Double threshold,
    boolean judged,
    boolean breached) {}
