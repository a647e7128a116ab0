package io.camaudit.metrics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Grids of relative thresholds {@code tau} in (0, 1] for {@link LocalisationTrace} and {@link
 * BoxAccuracy}: always ascending and distinct, each value the double nearest its decimal (0.15, not
 * 0.15000000000000002).
 */
public final class ThresholdGrid {

  private static final String OPTION = "--thresholds";
  private static final int MAX_SIZE = 1000;

  private ThresholdGrid() {}

  /** The project's default grid: 0.05, 0.10, …, 0.95 and {@link CamBox#DEFAULT_THRESHOLD}. */
  public static double[] defaults() {
    return DoubleStream.concat(
            IntStream.rangeClosed(1, 19).mapToDouble(k -> k / 20.0),
            DoubleStream.of(CamBox.DEFAULT_THRESHOLD))
        .sorted()
        .distinct()
        .toArray();
  }

  /**
   * Parses the value of {@code --thresholds}: either {@code start:stop:step}, the values from start
   * by step up to stop (computed in exact decimal arithmetic), or a comma-separated list such as
   * {@code 0.1,0.2}. The result is sorted and distinct.
   *
   * @throws IllegalArgumentException naming {@code --thresholds} when the value is malformed, a
   *     threshold is outside (0, 1], or a range has more than 1000 values
   */
  public static double[] parse(String spec) {
    String[] range = spec.split(":", -1);
    double[] values;
    if (range.length == 3) {
      values = range(spec, number(spec, range[0]), number(spec, range[1]), number(spec, range[2]));
    } else if (range.length == 1) {
      values =
          Arrays.stream(spec.split(",", -1))
              .mapToDouble(item -> number(spec, item).doubleValue())
              .toArray();
    } else {
      throw invalid(spec, "expected start:stop:step or a comma-separated list of numbers");
    }
    for (double value : values) {
      if (!(value > 0 && value <= 1)) {
        throw invalid(spec, "expected thresholds in (0, 1], got " + value);
      }
    }
    return Arrays.stream(values).sorted().distinct().toArray();
  }

  private static double[] range(String spec, BigDecimal start, BigDecimal stop, BigDecimal step) {
    if (step.signum() <= 0) {
      throw invalid(spec, "expected a positive step, got " + step);
    }
    if (start.compareTo(stop) > 0) {
      throw invalid(spec, "expected start <= stop");
    }
    BigDecimal steps = stop.subtract(start).divideToIntegralValue(step);
    if (steps.compareTo(BigDecimal.valueOf(MAX_SIZE)) >= 0) {
      throw invalid(spec, "expected at most " + MAX_SIZE + " thresholds");
    }
    double[] values = new double[steps.intValueExact() + 1];
    for (int k = 0; k < values.length; k++) {
      values[k] = start.add(step.multiply(BigDecimal.valueOf(k))).doubleValue();
    }
    return values;
  }

  private static BigDecimal number(String spec, String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(spec, "'" + text + "' is not a number");
    }
  }

  private static IllegalArgumentException invalid(String spec, String problem) {
    return new IllegalArgumentException("Invalid " + OPTION + " \"" + spec + "\": " + problem);
  }
}
