package io.camaudit.metrics.group;

import java.util.SplittableRandom;

/**
 * An image's Poisson(1) weights for bootstrap replicates 1..B, a function of the run's seed and the
 * image's id only, so the bootstrap does not depend on partitioning or row order (Chamandy et al.,
 * "Estimating uncertainty for massive data streams", Google, 2012). The id is hashed to 64 bits
 * (FNV-1a over its UTF-16 units, mixed with the seed by the SplitMix64 finaliser of Steele, Lea and
 * Flood, OOPSLA 2014) to seed a {@link SplittableRandom}, whose sequence for a seed is fixed.
 */
final class ReplicateWeights {

  private static final long FNV_PRIME = 0x100000001b3L;

  private ReplicateWeights() {}

  /** Fills {@code weights} with the image's weights for replicates 1..{@code weights.length}. */
  static void fill(long seed, String imageId, int[] weights) {
    SplittableRandom random = new SplittableRandom(hash(seed, imageId));
    for (int b = 0; b < weights.length; b++) {
      weights[b] = PoissonOne.draw(random);
    }
  }

  static long hash(long seed, String imageId) {
    long h = mix(seed);
    for (int i = 0; i < imageId.length(); i++) {
      h = (h ^ imageId.charAt(i)) * FNV_PRIME;
    }
    return mix(h ^ imageId.length());
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
