package io.camaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedChecksTest {

  @Test
  void noSkippedCheckSaysNone() {
    assertEquals("skipped checks: none", SkippedChecks.line(List.of()));
  }

  @Test
  void skippedChecksAreCountedAndListedWithTheirReasons() {
    assertEquals(
        "skipped checks: 2 (ReportIT.reportRendersInChromium: no chromium; A.b [1] X: disabled)",
        SkippedChecks.line(
            List.of("ReportIT.reportRendersInChromium: no chromium", "A.b [1] X: disabled")));
  }
}
