package io.camaudit.model;

import static io.camaudit.model.NpzFixtures.named;
import static io.camaudit.model.NpzFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.Targets;
import io.camaudit.testing.DemoCnnFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TorchScript path and the DJL-block path give the same Grad-CAM maps for the same weights, and
 * both match PyTorch's own Grad-CAM. Fixtures: {@code src/test/python/make_fixtures.py}.
 */
class TorchScriptEquivalenceTest {

  @TempDir Path dir;

  @Test
  void torchScriptAndBlockModelsGiveTheSameMapsAsPyTorch() throws IOException {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
      NDList expected = DemoCnnFixture.npz(manager, "demo-cnn-split-expected.npz");
      float[] x = named(expected, "x").toFloatArray();
      float[] camExpected = named(expected, "cam").toFloatArray();
      long[] targets = named(expected, "targets").toLongArray();
      float[] classCams = named(expected, "class_cams").toFloatArray();
      InputBatch batch = new InputBatch(2, 3, 32, 32, x);

      try (LoadedModel script = DemoCnnFixture.load(dir);
          GradientCamModel block = blockModel(manager)) {
        for (GradientCamModelView model :
            List.of(
                new GradientCamModelView("torchscript", script.model()),
                new GradientCamModelView("djl-block", block))) {
          CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
          List<CamResult> predicted =
              explainer.explain(batch, new int[] {Targets.PREDICTED, Targets.PREDICTED});
          for (int n = 0; n < 2; n++) {
            assertEquals(targets[n], predicted.get(n).targetClass(), model.name());
            float[] want = slice(camExpected, n, 64);
            assertArrayEquals(want, predicted.get(n).cam().values(), 1e-5f, model.name() + " " + n);
          }
          // Per-image targets that differ within the batch: class 0 for image 0, class 1 for 1.
          List<CamResult> labelled = explainer.explain(batch, new int[] {0, 1});
          assertArrayEquals(slice(classCams, 0 * 3 + 0, 64), labelled.get(0).cam().values(), 1e-5f);
          assertArrayEquals(slice(classCams, 1 * 3 + 1, 64), labelled.get(1).cam().values(), 1e-5f);
        }
      }
    }
  }

  private record GradientCamModelView(String name, io.camaudit.cam.CamModel model) {}

  /** The demo CNN as DJL blocks with the PyTorch fixture's weights copied in by order. */
  private static GradientCamModel blockModel(NDManager manager) throws IOException {
    SequentialBlock block = Architectures.demoCnn(DemoCnnFixture.CLASSES.size());
    GradientCamModel model = BlockModels.seeded(block, Architectures.DEMO_CNN_LAYER, 3, 32, 0);
    NDList weights = DemoCnnFixture.npz(manager, "demo-cnn-split.npz");
    List<NDArray> ordered = new ArrayList<>(weights);
    ordered.sort(Comparator.comparing(NDArray::getName));
    List<Parameter> parameters = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.add(p.getValue());
    }
    assertEquals(ordered.size(), parameters.size(), "parameter count");
    for (int i = 0; i < ordered.size(); i++) {
      NDArray target = parameters.get(i).getArray();
      assertEquals(ordered.get(i).getShape(), target.getShape(), ordered.get(i).getName());
      target.set(ordered.get(i).toFloatArray());
    }
    return model;
  }
}
