package io.camaudit.nightly;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which earlier run a run is compared with ({@code --baseline-run}): none, the latest complete run
 * before it, or a named run.
 *
 * @param kind none, latest or named
 * @param runId the named run; {@code null} otherwise
 */
public record BaselineRequest(Kind kind, String runId) {

  /** How the baseline is chosen. */
  public enum Kind {
    NONE,
    LATEST,
    NAMED
  }

  /** {@code --baseline-run latest}. */
  public static final String LATEST = "latest";

  /** {@code --baseline-run none}. */
  public static final String NONE = "none";

  /** Checks the run id of a named baseline. */
  public BaselineRequest {
    if ((kind == Kind.NAMED) != (runId != null)) {
      throw new IllegalArgumentException("a run id goes with a named baseline only");
    }
    if (runId != null && !RunId.isValid(runId)) {
      throw new IllegalArgumentException(
          "Invalid --baseline-run '"
              + runId
              + "': expected latest, none or a run id of "
              + RunId.ALLOWED);
    }
  }

  /** {@code latest}, {@code none} (or null: the option not given), or a run id. */
  public static BaselineRequest parse(String value) {
    if (value == null || value.equals(NONE)) {
      return new BaselineRequest(Kind.NONE, null);
    }
    if (value.equals(LATEST)) {
      return new BaselineRequest(Kind.LATEST, null);
    }
    return new BaselineRequest(Kind.NAMED, value);
  }

  /**
   * The baseline among the complete runs {@code history} for run {@code runId} standing for {@code
   * asOf}: for {@code latest}, the run with the latest as-of instant strictly before {@code asOf},
   * never {@code runId} itself (a run being replaced is not its own baseline); for a named run,
   * that run. Empty for {@code none}, and when no run qualifies.
   */
  public Optional<PastRun> choose(List<PastRun> history, String runId, Instant asOf) {
    return switch (kind) {
      case NONE -> Optional.empty();
      case NAMED -> history.stream().filter(r -> r.runId().equals(this.runId)).findFirst();
      case LATEST ->
          history.stream()
              .filter(r -> !r.runId().equals(runId) && r.asOf().isBefore(asOf))
              .max(Comparator.comparing(PastRun::asOf));
    };
  }

  /** The option's value: {@code latest}, {@code none} or the run id. */
  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> NONE;
      case LATEST -> LATEST;
      case NAMED -> runId;
    };
  }
}
