package io.camaudit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camaudit.cam.CamResult;
import io.camaudit.image.FloatMap;
import io.camaudit.metrics.BoxEnergy;
import org.junit.jupiter.api.Test;

class AttentionSignatureTest {

  /** An 8x8 map with all its energy in one 2x2 block at (row, column), the block's top left. */
  private static FloatMap blockAt(int row, int column) {
    float[] values = new float[64];
    for (int y = row; y < row + 2; y++) {
      for (int x = column; x < column + 2; x++) {
        values[y * 8 + x] = 1;
      }
    }
    return new FloatMap(8, 8, values);
  }

  private static ImageStats stats(FloatMap map, BoxEnergy energy, Double hotInFraction) {
    CamResult result =
        new CamResult(map, 0, CamResult.TargetSource.LABEL, 1, 0.9, 0, true, new float[] {3, 4});
    return new ImageStats(
        result,
        64,
        64,
        energy == null ? 0 : 1,
        energy,
        null,
        hotInFraction,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void theSpreadBlockIsTheSameWhereverTheAttentionSits() {
    float[] topLeft = AttentionSignature.spread(blockAt(0, 0));
    float[] bottomRight = AttentionSignature.spread(blockAt(6, 6));
    assertArrayEquals(topLeft, bottomRight);
    assertEquals(1f, topLeft[0]);
    assertEquals(0f, topLeft[1]);
  }

  @Test
  void theSpreadBlockSortsTheGridsSharesFromTheLargestDown() {
    float[] values = new float[64];
    values[0] = 1; // grid cell (0, 0)
    values[7 * 8 + 7] = 3; // grid cell (3, 3)
    values[4 * 8 + 2] = 4; // grid cell (2, 1)
    float[] spread = AttentionSignature.spread(new FloatMap(8, 8, values));
    assertArrayEquals(new float[] {0.5f, 0.375f, 0.125f, 0}, java.util.Arrays.copyOf(spread, 4));
  }

  @Test
  void holdsWhereThenSpreadThenTheUnitLengthFeatures() {
    float[] signature =
        AttentionSignature.of(stats(blockAt(0, 0), new BoxEnergy(1, 4, 0.1), 0.125));
    assertEquals(3 + 16 + 2, signature.length);
    assertArrayEquals(new float[] {0.25f, 0.75f, 0.125f}, java.util.Arrays.copyOf(signature, 3));
    assertEquals(1f, signature[3]);
    assertArrayEquals(
        new float[] {0.6f, 0.8f}, java.util.Arrays.copyOfRange(signature, 19, 21), 1e-6f);
  }

  @Test
  void anImageWithoutBoxesSitsHalfwayInTheWhereBlock() {
    float[] signature = AttentionSignature.of(stats(blockAt(2, 2), null, null));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, java.util.Arrays.copyOf(signature, 3));
  }
}
