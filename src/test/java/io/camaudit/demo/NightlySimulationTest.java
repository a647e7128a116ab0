package io.camaudit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.demo.NightPlan.Kind;
import io.camaudit.demo.NightlySimulation.Month;
import io.camaudit.demo.NightlySimulation.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short month of nightly audits, run as the scheduler runs them (scripts/nightly-sim runs 30
 * nights): quiet nights, a missed night, a night stopped during its table writes and re-run, a
 * re-run of a completed night, a planted label fault on the last night. No manual step between
 * nights; at most one false alarm; the planted night breaches accuracy of the planted source.
 */
class NightlySimulationTest {

  @TempDir static Path dir;

  @BeforeAll
  static void noSparkUi() {
    System.setProperty("spark.ui.enabled", "false");
  }

  @AfterAll
  static void restore() {
    System.clearProperty("spark.ui.enabled");
  }

  @Test
  void aMonthNeedsNoManualStepAndAlertsOnTheRightGroupOnly() throws Exception {
    Month month = NightlySimulation.simulate(dir, 7, 7, System.out);
    NightlySimulation.print(month, System.out);
    assertEquals(List.of(), month.problems());

    List<Kind> kinds = month.runs().stream().map(r -> r.night().kind()).toList();
    assertTrue(!kinds.contains(Kind.MISSED), "the missed night ran nothing: " + kinds);
    Run stopped =
        month.runs().stream().filter(r -> r.attempt().equals("stopped")).findFirst().get();
    assertNotEquals(0, stopped.exitCode(), "the stop landed: " + stopped);
    Run afterMissed =
        month.runs().stream().filter(r -> r.night().number() == 4).reduce((a, b) -> b).get();
    assertEquals("2026-11-02", afterMissed.baselineRunId(), "night 3 was missed");
    Run planted = month.runs().get(month.runs().size() - 1);
    assertEquals(Kind.PLANTED, planted.night().kind());
    assertTrue(planted.breaches().contains("accuracy/camera-b"), planted.toString());
    assertEquals(0, month.falseAlarms());
  }
}
