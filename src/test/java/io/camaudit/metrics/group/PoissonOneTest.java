package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonOneTest {

  @Test
  void drawsHaveMeanOneAndVarianceOne() {
    SplittableRandom random = new SplittableRandom(42);
    int draws = 100_000;
    double sum = 0;
    double sumOfSquares = 0;
    int zeros = 0;
    for (int i = 0; i < draws; i++) {
      int k = PoissonOne.draw(random);
      sum += k;
      sumOfSquares += (double) k * k;
      zeros += k == 0 ? 1 : 0;
    }
    double mean = sum / draws;
    assertEquals(1.0, mean, 0.02);
    assertEquals(1.0, sumOfSquares / draws - mean * mean, 0.02);
    assertEquals(Math.exp(-1), (double) zeros / draws, 0.01);
  }
}
