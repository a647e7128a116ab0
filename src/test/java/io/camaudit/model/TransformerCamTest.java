package io.camaudit.model;

import static io.camaudit.model.NpzFixtures.named;
import static io.camaudit.model.NpzFixtures.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.TargetRequest;
import io.camaudit.cam.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vision transformers exported by {@code scripts/export_torchscript.py}, with the {@code tokens}
 * entry it wrote into {@code model.json}, give PyTorch's own Grad-CAM (hooks, backward through the
 * whole model, pytorch-grad-cam's reshape). Fixtures: {@code
 * src/test/python/make_transformer_fixtures.py}.
 */
class TransformerCamTest {

  private static final int SIZE = 224;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"vit-small, 14", "swin-small, 7"})
  void mapsEqualPyTorchGradCam(String name, int side) throws IOException {
    for (String file : List.of(ModelSpec.FILE_NAME, name + ".pt")) {
      try (InputStream in = fixture(name, file)) {
        Files.copy(in, dir.resolve(file));
      }
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME);
        LoadedModel model = ModelLoader.load(name, dir)) {
      NDList expected;
      try (InputStream in = fixture(name, "expected.npz")) {
        expected = NDList.decode(manager, in.readAllBytes());
      }
      byte[] x8 = named(expected, "x8").toByteArray();
      float[] x = new float[x8.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = x8[i] / 8f;
      }
      long[] targets = named(expected, "targets").toLongArray();
      float[] cams = named(expected, "cam").toFloatArray();
      float[] classCams = named(expected, "class_cams").toFloatArray();
      int area = side * side;
      InputBatch batch = new InputBatch(2, 3, SIZE, SIZE, x);
      CamExplainer explainer = new CamExplainer(model.model(), new GradCam());

      List<CamResult> predicted =
          explainer.explain(batch, new int[] {Targets.PREDICTED, Targets.PREDICTED});
      for (int n = 0; n < 2; n++) {
        assertEquals(targets[n], predicted.get(n).targetClass(), name);
        assertEquals(side, predicted.get(n).cam().height(), name);
        assertArrayEquals(slice(cams, n, area), predicted.get(n).cam().values(), 1e-4f, name);
      }
      List<CamResult> labelled = explainer.explain(batch, new int[] {2, 0});
      assertArrayEquals(slice(classCams, 0 * 3 + 2, area), labelled.get(0).cam().values(), 1e-4f);
      assertArrayEquals(slice(classCams, 1 * 3 + 0, area), labelled.get(1).cam().values(), 1e-4f);

      // Every class of the first image and the top two of the second share one forward pass.
      List<List<CamResult>> several =
          explainer.explain(batch, List.of(TargetRequest.classes(2, 0, 1), TargetRequest.topK(2)));
      assertEquals(List.of(3, 2), several.stream().map(List::size).toList(), name);
      for (int n = 0; n < 2; n++) {
        for (CamResult result : several.get(n)) {
          int c = result.targetClass();
          assertArrayEquals(
              slice(classCams, n * 3 + c, area), result.cam().values(), 1e-4f, name + " " + c);
        }
      }
      assertEquals(List.of(2, 0, 1), classesOf(several.get(0)), name);
      assertEquals(targets[1], several.get(1).get(0).targetClass(), "top-1 is the prediction");
    }
  }

  private static List<Integer> classesOf(List<CamResult> results) {
    return results.stream().map(CamResult::targetClass).toList();
  }

  private static InputStream fixture(String name, String file) {
    return TransformerCamTest.class.getResourceAsStream("/fixtures/" + name + "/" + file);
  }
}
