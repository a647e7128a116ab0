package io.camaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdGridTest {

  @Test
  void defaultsAreTheTwentiethsWithFifteenPercentOnceAndExactDecimals() {
    double[] grid = ThresholdGrid.defaults();
    assertEquals(19, grid.length);
    assertEquals(1, Arrays.stream(grid).filter(tau -> tau == 0.15).count());
    assertEquals(
        "[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8,"
            + " 0.85, 0.9, 0.95]",
        Arrays.toString(grid));
  }

  @Test
  void rangeGivesExactDecimalsUpToStop() {
    assertArrayEquals(ThresholdGrid.defaults(), ThresholdGrid.parse("0.05:0.95:0.05"));
    assertEquals("[0.1, 0.2, 0.3]", Arrays.toString(ThresholdGrid.parse("0.1:0.35:0.1")));
    assertEquals("[0.3]", Arrays.toString(ThresholdGrid.parse("0.3:0.3:0.1")));
    assertEquals(100, ThresholdGrid.parse("0.01:1:0.01").length);
  }

  @Test
  void listIsSortedAndDistinct() {
    assertArrayEquals(new double[] {0.1, 0.2}, ThresholdGrid.parse("0.1,0.2"));
    assertArrayEquals(new double[] {0.15, 0.5, 1}, ThresholdGrid.parse(" 0.5, 0.15,1 ,0.5"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "0.1,,0.2",
        "0.1:0.5",
        "0.1:0.5:0.1:0.1",
        "0:0.5:0.1",
        "0.5:0.1:0.1",
        "0.1:0.5:0",
        "0.1:0.5:-0.1",
        "1.5",
        "0,0.5",
        "NaN",
        "0.1:1:0.000001"
      })
  void malformedValuesAreRejectedNamingTheOption(String spec) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ThresholdGrid.parse(spec));
    assertTrue(
        e.getMessage().startsWith("Invalid --thresholds \"" + spec + "\": "), e.getMessage());
  }
}
