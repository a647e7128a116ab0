package io.camaudit.metrics.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReplicateWeightsTest {

  @Test
  void weightsDependOnlyOnSeedAndImageId() {
    int[] first = new int[200];
    int[] again = new int[200];
    int[] otherImage = new int[200];
    int[] otherSeed = new int[200];
    ReplicateWeights.fill(7, "img-1", first);
    ReplicateWeights.fill(7, "img-1", again);
    ReplicateWeights.fill(7, "img-2", otherImage);
    ReplicateWeights.fill(8, "img-1", otherSeed);
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, otherImage));
    assertFalse(Arrays.equals(first, otherSeed));
  }
}
