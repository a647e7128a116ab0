package io.camaudit.nightly;

import java.time.Instant;

/**
 * A complete run under the output root, as a baseline candidate.
 *
 * @param runId the run's id
 * @param asOf the instant the run stands for ({@code --as-of}; its start when not given)
 * @param experiment what it measured with
 */
public record PastRun(String runId, Instant asOf, Experiment experiment) {}
