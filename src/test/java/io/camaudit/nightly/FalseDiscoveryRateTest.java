package io.camaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FalseDiscoveryRateTest {

  @Test
  void matchesRsPAdjustBh() {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH")
    //    0.025 0.05 0.05 0.025 0.5
    assertArrayEquals(
        new double[] {0.025, 0.05, 0.05, 0.025, 0.5},
        FalseDiscoveryRate.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5}),
        1e-12);
  }

  @Test
  void isMonotoneInP() {
    // R: p.adjust(c(0.9, 0.95, 0.2), "BH"): 0.95 0.95 0.60
    assertArrayEquals(
        new double[] {0.95, 0.95, 0.6},
        FalseDiscoveryRate.adjust(new double[] {0.9, 0.95, 0.2}),
        1e-12);
  }
}
