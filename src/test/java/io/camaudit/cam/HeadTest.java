package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadTest {

  private static final float[] LOGITS = {9f, 1f, 2f, -0.5f, 0.3f, 0.2f};

  @Test
  void softmaxTakesTheWholeRow() {
    double e0 = Math.exp(-0.5);
    double sum = e0 + Math.exp(0.3f) + Math.exp(0.2f);
    assertEquals(Math.exp(0.3f) / sum, Head.SOFTMAX.probability(LOGITS, 3, 3, 1), 1e-12);
    assertEquals(1, Head.SOFTMAX.predicted(LOGITS, 3, 3));
    assertTrue(Head.SOFTMAX.predicts(LOGITS, 3, 3, 1));
    assertFalse(Head.SOFTMAX.predicts(LOGITS, 3, 3, 2));
    assertEquals(0.2f, Head.SOFTMAX.score(LOGITS, 3, 2));
  }

  @Test
  void sigmoidGivesEachClassItsOwnProbabilityAndThreshold() {
    assertEquals(1 / (1 + Math.exp(-0.2f)), Head.SIGMOID.probability(LOGITS, 3, 3, 2), 1e-12);
    assertTrue(Head.SIGMOID.predicts(LOGITS, 3, 3, 2), "0.55 >= 0.5, though not the arg-max");
    assertFalse(Head.SIGMOID.predicts(LOGITS, 3, 3, 0), "sigmoid(-0.5) < 0.5");
    assertEquals(1.0, Head.SIGMOID.probability(new float[] {800f}, 0, 1, 0), 1e-12);
    assertEquals(0.0, Head.SIGMOID.probability(new float[] {-800f}, 0, 1, 0), 1e-12);
  }

  @Test
  void binaryReadsOneLogitForTwoClasses() {
    float[] z = {-1.5f};
    assertEquals(1, Head.BINARY.logits(2));
    assertEquals(1 / (1 + Math.exp(1.5)), Head.BINARY.probability(z, 0, 2, 1), 1e-12);
    assertEquals(1 / (1 + Math.exp(-1.5)), Head.BINARY.probability(z, 0, 2, 0), 1e-12);
    assertEquals(0, Head.BINARY.predicted(z, 0, 2));
    assertEquals(1, Head.BINARY.predicted(new float[] {0f}, 0, 2), "z = 0 is positive");
    assertEquals(1.5f, Head.BINARY.score(z, 0, 0));
    assertEquals(-1.5f, Head.BINARY.score(z, 0, 1));
    assertEquals(-1f, Head.BINARY.signOf(0));
    assertEquals(0, Head.BINARY.logitOf(1));
  }

  @Test
  void parsesTheNamesOfModelJson() {
    assertEquals(Head.BINARY, Head.parse("binary"));
    assertThrows(IllegalArgumentException.class, () -> Head.parse("relu"));
  }
}
