package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.testing.DemoCnnFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export {@code scripts/export_torchscript.py} makes by default (frozen, batch norm folded into
 * the convolutions, features in channels-last memory format) gives the Grad-CAM maps of the export
 * as scripted, through the audit's own loader and explainer: every class of a seeded batch.
 */
class OptimizedExportTest {

  private static final int IMAGES = 16;

  @TempDir Path dir;

  @Test
  void mapsEqualTheScriptedExportsForEveryClass() throws IOException {
    InputBatch batch = seededBatch();
    float[] scripted = allMaps(DemoCnnFixture.AS_SCRIPTED, batch);
    float[] optimized = allMaps(DemoCnnFixture.OPTIMIZED, batch);
    double maxDifference = 0;
    double largest = 0;
    for (int i = 0; i < scripted.length; i++) {
      maxDifference = Math.max(maxDifference, Math.abs(scripted[i] - optimized[i]));
      largest = Math.max(largest, Math.abs(scripted[i]));
    }
    double r = new PearsonsCorrelation().correlation(toDoubles(scripted), toDoubles(optimized));
    System.out.printf(
        "optimized export against as scripted, %d maps: r = %.9f, max |difference| %.3g"
            + " (largest value %.3g)%n",
        IMAGES * DemoCnnFixture.CLASSES.size(), r, maxDifference, largest);
    assertTrue(r >= 0.9999, "r = " + r);
    assertArrayEquals(scripted, optimized, (float) (1e-5 * largest));
  }

  /** Each image's map for each class, image by image, class by class. */
  private float[] allMaps(String file, InputBatch batch) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(file));
    try (LoadedModel model = DemoCnnFixture.load(folder, file)) {
      CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
      int classes = DemoCnnFixture.CLASSES.size();
      float[][] maps = new float[IMAGES * classes][];
      for (int c = 0; c < classes; c++) {
        int[] targets = new int[IMAGES];
        Arrays.fill(targets, c);
        List<CamResult> results = explainer.explain(batch, targets);
        for (int n = 0; n < IMAGES; n++) {
          assertEquals(c, results.get(n).targetClass());
          maps[n * classes + c] = results.get(n).cam().values();
        }
      }
      return concatenate(maps);
    }
  }

  private static InputBatch seededBatch() {
    Random random = new Random(25);
    float[] data = new float[IMAGES * 3 * 32 * 32];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return new InputBatch(IMAGES, 3, 32, 32, data);
  }

  private static float[] concatenate(float[][] parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    float[] all = new float[length];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
