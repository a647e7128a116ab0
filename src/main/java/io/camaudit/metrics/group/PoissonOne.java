package io.camaudit.metrics.group;

import java.util.SplittableRandom;

/**
 * Draws from Poisson(1) with Knuth's multiplication method (TAOCP vol. 2, 3.4.1): the number of
 * uniforms whose running product stays above e<sup>-1</sup>; about two uniforms per draw. Written
 * here because no statistics library is guaranteed on the runtime classpath (commons-math3 comes
 * only with Spark, in provided scope), and so that the draws depend on nothing but the generator.
 */
final class PoissonOne {

  private static final double EXP_MINUS_ONE = Math.exp(-1);

  private PoissonOne() {}

  static int draw(SplittableRandom random) {
    int count = 0;
    double product = random.nextDouble();
    while (product > EXP_MINUS_ONE) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }
}
