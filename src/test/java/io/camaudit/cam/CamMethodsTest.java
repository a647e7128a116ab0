package io.camaudit.cam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The method registry. */
class CamMethodsTest {

  @Test
  void everyMethodIsRegisteredUnderItsOwnName() {
    assertEquals(
        List.of("gradcam", "gradcam++", "xgradcam", "layercam", "hirescam", "eigencam", "scorecam"),
        List.copyOf(CamMethods.names()));
    for (String name : CamMethods.names()) {
      assertEquals(name, CamMethods.byName(name).name());
      assertNotSame(CamMethods.byName(name), CamMethods.byName(name), "a new instance each call");
    }
    assertEquals(CamMethods.DEFAULT, new GradCam().name());
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CamMethods.byName("gradcampp"));
    assertTrue(e.getMessage().contains("'gradcampp'"), e.getMessage());
    assertTrue(e.getMessage().contains("gradcam++"), e.getMessage());
  }

  @Test
  void everyMethodGivesANonNegativeMapOfTheTraceSize() {
    FakeCamModel model =
        new FakeCamModel(
            new float[] {0, 1},
            2,
            3,
            new float[][] {{1, -2, 3, 0, 2, 1}, {0, 1, -1, 2, 2, 0}, {3, 0, 0, 1, -1, 2}},
            new float[][] {{0.5f, -1, 2, 0, 1, 1}, {1, 1, -2, 0.5f, 0, 3}, {-1, 0, 1, 2, 0, 1}});
    InputBatch batch = new InputBatch(2, 1, 4, 6, new float[48]);
    for (String name : CamMethods.names()) {
      for (CamResult result :
          new CamExplainer(model, CamMethods.byName(name)).explain(batch, new int[] {1, 0})) {
        assertEquals(2, result.cam().height(), name);
        assertEquals(3, result.cam().width(), name);
        for (float v : result.cam().values()) {
          assertTrue(v >= 0 && Float.isFinite(v), name + ": " + v);
        }
      }
    }
  }
}
