package io.camaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselineRequestTest {

  private static final Experiment SAME = new Experiment("d", "l", "gradcam", "label", "fp32");

  private static PastRun run(String id, String asOf) {
    return new PastRun(id, Instant.parse(asOf), SAME);
  }

  // Ids that sort the other way round from their instants: the choice must compare instants.
  private static final List<PastRun> HISTORY =
      List.of(
          run("night-9", "2026-11-09T00:00:00Z"),
          run("night-10", "2026-11-10T00:00:00Z"),
          run("night-12", "2026-11-12T00:00:00Z"));

  private static Optional<String> latest(String runId, String asOf) {
    return BaselineRequest.parse("latest")
        .choose(HISTORY, runId, Instant.parse(asOf))
        .map(PastRun::runId);
  }

  @Test
  void latestIsTheLatestRunBeforeThisOneByInstantNeverItself() {
    assertEquals(Optional.of("night-12"), latest("night-13", "2026-11-13T00:00:00Z"));
    // A missed night (11): night 12 compares with night 10.
    assertEquals(Optional.of("night-10"), latest("night-12", "2026-11-12T00:00:00Z"));
    // Re-running night 12 later in the day: not its own baseline.
    assertEquals(Optional.of("night-10"), latest("night-12", "2026-11-12T09:30:00Z"));
    // A backfill of night 11 after night 12 ran.
    assertEquals(Optional.of("night-10"), latest("night-11", "2026-11-11T00:00:00Z"));
    assertEquals(Optional.empty(), latest("night-1", "2026-11-01T00:00:00Z"));
  }

  @Test
  void namedAndNone() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertEquals(
        Optional.of("night-9"),
        BaselineRequest.parse("night-9").choose(HISTORY, "x", now).map(PastRun::runId));
    assertEquals(Optional.empty(), BaselineRequest.parse("night-8").choose(HISTORY, "x", now));
    assertEquals(Optional.empty(), BaselineRequest.parse("none").choose(HISTORY, "x", now));
    assertEquals(Optional.empty(), BaselineRequest.parse(null).choose(HISTORY, "x", now));
    assertThrows(IllegalArgumentException.class, () -> BaselineRequest.parse("a/b"));
  }

  @Test
  void experimentsSayWhatDiffers() {
    assertEquals(List.of(), SAME.differencesFrom(SAME));
    assertEquals(
        List.of("method gradcam -> layercam", "targets label -> predicted"),
        new Experiment("d", "l", "layercam", "predicted", "fp32").differencesFrom(SAME));
    assertEquals(
        List.of("precision fp32 -> bf16"),
        new Experiment("d", "l", "gradcam", "label", "bf16").differencesFrom(SAME));
  }
}
