package io.camaudit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.TorchEngine;
import io.camaudit.testing.DemoCnnFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The confidence change under CAM multiplication and the ROAD scores equal pytorch-grad-cam's own
 * {@code CamMultImageConfidenceChange}, {@code ROADMostRelevantFirstAverage}, {@code
 * ROADLeastRelevantFirstAverage} and {@code ROADCombined} on its own Grad-CAM maps, for the demo
 * CNN fixture ({@code src/test/python/make_faithfulness_fixtures.py}, pytorch-grad-cam at a pinned
 * commit).
 */
class CamMultiplicationTest {

  private static final int SIDE = 32;
  private static final int AREA = SIDE * SIDE;

  @TempDir Path dir;

  @Test
  void equalsPytorchGradCamsCamMultImageConfidenceChange() throws Exception {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME);
        LoadedModel model = DemoCnnFixture.load(dir)) {
      NDList expected = DemoCnnFixture.npz(manager, "faithfulness-expected.npz");
      float[] x = expected.get("x").toFloatArray();
      int[] targets =
          Arrays.stream(expected.get("targets").toLongArray()).mapToInt(t -> (int) t).toArray();
      float[] grayscale = expected.get("grayscale_cam").toFloatArray();
      float[] change = expected.get("cam_mult_change").toFloatArray();
      InputBatch batch = new InputBatch(targets.length, 3, SIDE, SIDE, x);

      List<List<CamResult>> results =
          new CamExplainer(model.model(), new GradCam())
              .explain(batch, targets).stream().map(List::of).toList();
      for (int n = 0; n < targets.length; n++) {
        assertArrayEquals(
            Arrays.copyOfRange(grayscale, n * AREA, (n + 1) * AREA),
            CamMultiplication.asPytorchGradCam(results.get(n).get(0).cam(), SIDE, SIDE).values(),
            2e-5f,
            "image " + n + ": the map as pytorch-grad-cam hands it out");
      }
      PerturbedCopies copies = new PerturbedCopies(batch);
      List<List<Double>> changes =
          CamMultiplication.addCopies(copies, results, new boolean[] {true, true, true, true})
              .apply(copies.score(model.model()));
      for (int n = 0; n < targets.length; n++) {
        assertEquals(
            change[n], changes.get(n).get(0), 2e-5, "image " + n + ", class " + targets[n]);
      }

      // ROAD, its imputation without noise as the fixture's.
      boolean[] all = new boolean[targets.length];
      Arrays.fill(all, true);
      List<List<RoadScores>> road =
          new Road(model.model(), 0).measure(batch, results, all, new long[targets.length]);
      float[] morf = expected.get("road_morf").toFloatArray();
      float[] lerf = expected.get("road_lerf").toFloatArray();
      float[] combined = expected.get("road_combined").toFloatArray();
      for (int n = 0; n < targets.length; n++) {
        RoadScores scores = road.get(n).get(0);
        assertEquals(morf[n], scores.mostRelevantFirst(), 2e-5, "ROAD MoRF, image " + n);
        assertEquals(lerf[n], scores.leastRelevantFirst(), 2e-5, "ROAD LeRF, image " + n);
        assertEquals(combined[n], scores.combined(), 2e-5, "ROAD combined, image " + n);
      }
    }
  }
}
