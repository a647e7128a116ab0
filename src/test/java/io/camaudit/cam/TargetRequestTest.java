package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Named classes and the model's top k, laid out as a batch's (image, class) pairs. */
class TargetRequestTest {

  /** Two images of four classes: image 0 ranks 2, 0, 3, 1; image 1 ties 1 and 3 on top. */
  private static final float[] LOGITS = {1, -2, 5, 0.5f, 0, 4, -1, 4};

  @Test
  void topKRanksByScoreWithTheLowerIndexFirstOnTies() {
    assertArrayEquals(
        new int[] {2, 0, 3}, TargetRequest.topK(3).resolve(LOGITS, 0, 4, Head.SOFTMAX));
    assertArrayEquals(
        new int[] {1, 3, 0, 2}, TargetRequest.topK(9).resolve(LOGITS, 4, 4, Head.SIGMOID));
    assertEquals(4, TargetRequest.topK(9).count(4), "at most every class");
    assertArrayEquals(
        new int[] {Head.SOFTMAX.predicted(LOGITS, 4, 4)},
        TargetRequest.predicted().resolve(LOGITS, 4, 4, Head.SOFTMAX),
        "the top one is the prediction");
  }

  @Test
  void binaryHeadRanksItsDecisionFirst() {
    float[] negative = {-0.3f};
    assertArrayEquals(new int[] {0, 1}, TargetRequest.topK(2).resolve(negative, 0, 2, Head.BINARY));
    assertArrayEquals(
        new int[] {1}, TargetRequest.topK(1).resolve(new float[] {0}, 0, 2, Head.BINARY));
  }

  @Test
  void pairsComeImageByImageInRequestOrder() {
    List<TargetRequest> requests = List.of(TargetRequest.classes(3, 1), TargetRequest.topK(2));
    assertEquals(4, TargetPairs.count(requests, 4));
    TargetPairs pairs = TargetPairs.resolve(requests, LOGITS, 4, Head.SOFTMAX);
    assertArrayEquals(new int[] {0, 0, 1, 1}, pairs.images());
    assertArrayEquals(new int[] {3, 1, 1, 3}, pairs.targets());
  }

  @Test
  void rejectsRequestsThatCannotBeMet() {
    assertThrows(IllegalArgumentException.class, TargetRequest::classes);
    assertThrows(IllegalArgumentException.class, () -> TargetRequest.classes(1, 1));
    assertThrows(IllegalArgumentException.class, () -> TargetRequest.topK(0));
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> TargetRequest.classes(4).resolve(LOGITS, 0, 4, Head.SOFTMAX));
    assertEquals("Invalid target class 4 (model has 4 classes)", outside.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TargetPairs.resolve(List.of(TargetRequest.predicted()), LOGITS, 4, Head.SOFTMAX),
        "one request for two images");
  }
}
