package io.camaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.TargetRequest;
import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import io.camaudit.image.Box;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --targets}: what each mode explains, and what it rejects. */
class TargetSelectionTest {

  private static final Map<String, Integer> CLASSES = new LinkedHashMap<>();

  static {
    CLASSES.put("cat", 0);
    CLASSES.put("dog", 1);
    CLASSES.put("car", 2);
  }

  private static final AuditInput CAT_WITH_BOXES =
      new AuditInput(
          "a",
          "a.jpg",
          "cat",
          List.of(
              new Box(0, 0, 1, 1, "car"),
              new Box(0, 0, 2, 2, null),
              new Box(1, 1, 2, 2, "dog"),
              new Box(0, 0, 3, 3, "car")));

  private static final AuditInput UNLABELLED = new AuditInput("b", "b.jpg", null, List.of());

  @Test
  void parsesEveryModeAndWritesItBack() {
    for (String id : List.of("label", "predicted", "all-labels", "top-k:3")) {
      assertEquals(id, TargetSelection.parse(id).id());
      assertTrue(TargetSelection.isValid(id));
    }
    assertEquals(TargetSelection.LABEL, TargetSelection.parse(" Label "));
    for (String bad : List.of("", "labels", "top-k", "top-k:0", "top-k:x", "top-k:-2")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TargetSelection.parse(bad));
      assertTrue(e.getMessage().startsWith("Invalid --targets '" + bad + "'"), e.getMessage());
      assertFalse(TargetSelection.isValid(bad));
    }
  }

  @Test
  void eachModeRequestsItsClasses() throws InputRejectedException {
    assertEquals(TargetRequest.classes(0), request("label", CAT_WITH_BOXES));
    assertEquals(TargetRequest.predicted(), request("label", UNLABELLED));
    assertEquals(TargetRequest.predicted(), request("predicted", CAT_WITH_BOXES));
    assertEquals(
        TargetRequest.classes(0, 2, 1),
        request("all-labels", CAT_WITH_BOXES),
        "the label, then the boxes' classes in order of first appearance, each once");
    assertEquals(TargetRequest.predicted(), request("all-labels", UNLABELLED));
    assertEquals(
        TargetRequest.classes(2, 1),
        request("all-labels", new AuditInput("c", "c.jpg", null, CAT_WITH_BOXES.boxes())));
    assertEquals(TargetRequest.topK(2), request("top-k:2", CAT_WITH_BOXES));
  }

  @Test
  void unknownLabelsAreRejectedNamingTheClasses() {
    AuditInput horse = new AuditInput("h", "h.jpg", "horse", List.of());
    for (String mode : List.of("label", "predicted", "all-labels", "top-k:2")) {
      InputRejectedException e =
          assertThrows(InputRejectedException.class, () -> request(mode, horse));
      assertEquals(RejectReason.UNKNOWN_LABEL, e.reason());
      assertEquals(
          "label 'horse' is not one of the model's classes [cat, dog, car]", e.getMessage());
    }
    AuditInput boxHorse =
        new AuditInput("h", "h.jpg", "cat", List.of(new Box(0, 0, 1, 1, "horse")));
    InputRejectedException e =
        assertThrows(InputRejectedException.class, () -> request("all-labels", boxHorse));
    assertTrue(e.getMessage().startsWith("box label 'horse'"), e.getMessage());
  }

  private static TargetRequest request(String mode, AuditInput input)
      throws InputRejectedException {
    return TargetSelection.parse(mode).requestFor(input, CLASSES);
  }
}
