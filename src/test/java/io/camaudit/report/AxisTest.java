package io.camaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camaudit.metrics.group.Metric.Range;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class AxisTest {

  @Test
  void aBoundedRangeIsTheAxisWhateverTheValues() {
    assertEquals(new Axis(0, 1), Axis.of(Range.SHARE, DoubleStream.of(0.2, 7)));
    assertEquals(new Axis(-1, 1), Axis.of(new Range(-1, 1), DoubleStream.empty()));
    assertEquals(new Axis(0, 2), Axis.of(new Range(0.5, 2), DoubleStream.of(1)), "0 included");
  }

  @Test
  void anOpenEndCoversTheFarthestValueWithRoomToSpare() {
    // 1.1 × max(1, farthest), rounded away from 0 to a multiple of 0.5
    assertEquals(
        new Axis(0, 3), Axis.of(Range.NON_NEGATIVE, DoubleStream.of(0.4, 2.3, Double.NaN)));
    assertEquals(new Axis(0, 1.5), Axis.of(Range.NON_NEGATIVE, DoubleStream.of(0.2)));
    assertEquals(
        new Axis(-3, 1.5),
        Axis.of(Range.ANY, DoubleStream.of(-2.3, 0.4, Double.NEGATIVE_INFINITY)));
    assertEquals(new Axis(-1.5, 1.5), Axis.of(Range.ANY, DoubleStream.empty()));
  }

  @Test
  void placesValuesAlongTheAxisWithinItsEnds() {
    Axis axis = new Axis(-1, 3);
    assertEquals(0.25, axis.position(0));
    assertEquals(0, axis.position(-2), "clamped at the low end");
    assertEquals(1, axis.position(5), "clamped at the high end");
    assertEquals(0.25, axis.position(Double.NaN), "no value sits at 0");
    assertEquals(-1, axis.tick(0, 4));
    assertEquals(2, axis.tick(3, 4));
  }

  @Test
  void anAxisIncludesZero() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Axis(0.5, 1));
    assertEquals("Invalid axis [0.5, 1.0]: expected low ≤ 0 ≤ high, low < high", e.getMessage());
  }
}
