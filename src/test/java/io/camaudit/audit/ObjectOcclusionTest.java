package io.camaudit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.TargetRequest;
import io.camaudit.image.Box;
import io.camaudit.image.CropWindow;
import io.camaudit.image.FloatMap;
import io.camaudit.image.RegionFill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Background reliance on a model whose "bright" logit is ten times the image's mean: with a mean
 * fill, the background-only and object-only images have means known in closed form.
 */
class ObjectOcclusionTest {

  private static final int SIDE = 8;

  /** Logits (10 × mean pixel, 0) for the classes (bright, dark); counts its passes. */
  private static final class BrightnessModel implements CamModel {
    final List<Integer> passes = new ArrayList<>();

    @Override
    public List<String> classes() {
      return List.of("bright", "dark");
    }

    @Override
    public String layer() {
      return "none";
    }

    @Override
    public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
      throw new UnsupportedOperationException("occlusion needs forward passes only");
    }

    @Override
    public float[] predict(InputBatch batch) {
      passes.add(batch.size());
      float[] logits = new float[batch.size() * 2];
      int length = batch.imageLength();
      for (int n = 0; n < batch.size(); n++) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
          sum += batch.data()[n * length + i];
        }
        logits[2 * n] = (float) (10 * sum / length);
      }
      return logits;
    }

    @Override
    public void close() {}
  }

  /** 1 inside the top-left {@code boxSide} square, 0 elsewhere, one channel. */
  private static boolean[] square(int boxSide) {
    boolean[] mask = new boolean[SIDE * SIDE];
    for (int y = 0; y < boxSide; y++) {
      for (int x = 0; x < boxSide; x++) {
        mask[y * SIDE + x] = true;
      }
    }
    return mask;
  }

  private static CamResult explained(int target) {
    return new CamResult(
        new FloatMap(1, 1, new float[] {1}),
        target,
        CamResult.TargetSource.LABEL,
        0,
        0,
        0,
        true,
        new float[1]);
  }

  private static double brightProbability(double mean) {
    return 1 / (1 + Math.exp(-10 * mean));
  }

  @Test
  void twoPassesPerBatchGiveEachClassItsBackgroundOnlyAndObjectOnlyProbabilities() {
    boolean[] box = square(4);
    float[] data = new float[3 * SIDE * SIDE];
    for (int i = 0; i < SIDE * SIDE; i++) {
      data[i] = box[i] ? 1 : 0; // image 0: bright box on dark
      data[2 * SIDE * SIDE + i] = box[i] ? 1 : 0; // image 2: the same, without boxes
    }
    BrightnessModel model = new BrightnessModel();
    ObjectOcclusion occlusion = new ObjectOcclusion(RegionFill.MEAN);
    List<List<BackgroundReliance>> reliance =
        measure(
            occlusion,
            model,
            new InputBatch(3, 1, SIDE, SIDE, data),
            List.of(
                new ObjectOcclusion.Occluded(box, 1),
                new ObjectOcclusion.Occluded(square(8), 2),
                new ObjectOcclusion.Occluded(null, 3)),
            List.of(
                List.of(explained(0), explained(1)), List.of(explained(0)), List.of(explained(1))));

    assertEquals(List.of(4), model.passes, "one pass, over two copies of each image with boxes");
    // Image 0: mean m = 1/4. Background only: the box holds m, the rest 0: mean m². Object only:
    // the box 1, the rest m: mean m + (1 - m) m.
    double m = 0.25;
    BackgroundReliance bright = reliance.get(0).get(0);
    assertEquals(brightProbability(m * m), bright.backgroundOnlyProbability(), 1e-6);
    assertEquals(brightProbability(m + (1 - m) * m), bright.objectOnlyProbability(), 1e-6);
    assertTrue(bright.backgroundOnlyPredicts() && bright.objectOnlyPredicts());
    BackgroundReliance dark = reliance.get(0).get(1);
    assertEquals(1 - bright.backgroundOnlyProbability(), dark.backgroundOnlyProbability(), 1e-6);
    assertFalse(dark.backgroundOnlyPredicts() || dark.objectOnlyPredicts());
    // Image 1, all dark, its box the whole image: both copies stay all 0, logits tie.
    BackgroundReliance whole = reliance.get(1).get(0);
    assertEquals(0.5, whole.backgroundOnlyProbability(), 1e-6);
    assertEquals(0.5, whole.objectOnlyProbability(), 1e-6);
    assertNull(reliance.get(2), "no boxes, nothing to take out");
  }

  @Test
  void theSampleIsAShareOfImageIdsTheSameInEveryRun() {
    PerturbationSettings quarter = new PerturbationSettings(RegionFill.BLUR, 0.25, 0.1);
    int sampled = 0;
    for (int i = 0; i < 20_000; i++) {
      sampled += quarter.samples("img-" + i) ? 1 : 0;
    }
    assertEquals(0.25, sampled / 20_000.0, 0.01);
    assertEquals(quarter.samples("img-7"), quarter.samples("img-7"));
    for (int i = 0; i < 2000; i++) {
      String id = "img-" + i;
      assertTrue(!quarter.roadSamples(id) || quarter.samples(id), "the smaller sample within");
    }
    assertTrue(new PerturbationSettings(null, 1, 0).samples("anything"));
    assertFalse(new PerturbationSettings(null, 0, 0).samples("anything"));
    assertThrows(IllegalArgumentException.class, () -> new PerturbationSettings(null, 1.5, 0));
  }

  @Test
  void boxesLieOnTheInputAndAnImageOutsideTheSampleCostsNothing() {
    CropWindow window = CropWindow.whole(2 * SIDE, 2 * SIDE);
    AuditInput boxed = new AuditInput("i", "p", "bright", List.of(new Box(0, 0, 8, 8, null)));
    assertArrayEquals(square(4), ObjectOcclusion.occluded(boxed, window, SIDE, SIDE).inBoxes());
    AuditInput bare = new AuditInput("j", "p", "bright", List.of());
    assertNull(ObjectOcclusion.occluded(bare, window, SIDE, SIDE).inBoxes());

    BrightnessModel model = new BrightnessModel();
    List<List<BackgroundReliance>> reliance =
        measure(
            new ObjectOcclusion(RegionFill.MEAN),
            model,
            new InputBatch(2, 1, SIDE, SIDE, new float[2 * SIDE * SIDE]),
            Arrays.asList(null, new ObjectOcclusion.Occluded(square(4), 1)),
            List.of(List.of(explained(0)), List.of(explained(0))));
    assertEquals(List.of(2), model.passes, "only the sampled image goes through");
    assertNull(reliance.get(0));
    assertEquals(1, reliance.get(1).size());
  }

  @Test
  void aBatchWithoutBoxesCostsNoPass() {
    BrightnessModel model = new BrightnessModel();
    List<List<BackgroundReliance>> reliance =
        measure(
            new ObjectOcclusion(RegionFill.BLUR),
            model,
            new InputBatch(1, 1, SIDE, SIDE, new float[SIDE * SIDE]),
            List.of(new ObjectOcclusion.Occluded(null, 0)),
            List.of(List.of(explained(0))));
    assertEquals(List.of(), model.passes);
    assertNull(reliance.get(0));
  }

  @Test
  void everyMeasurementsCopiesGoThroughOnePassAndReadAsIfAlone() {
    boolean[] box = square(4);
    float[] data = new float[2 * SIDE * SIDE];
    for (int i = 0; i < SIDE * SIDE; i++) {
      data[i] = box[i] ? 1 : 0.5f;
      data[SIDE * SIDE + i] = 0.25f;
    }
    InputBatch batch = new InputBatch(2, 1, SIDE, SIDE, data);
    List<ObjectOcclusion.Occluded> images =
        List.of(new ObjectOcclusion.Occluded(box, 1), new ObjectOcclusion.Occluded(box, 2));
    CamResult uneven =
        new CamResult(
            new FloatMap(2, 2, new float[] {1, 0.5f, 0.25f, 0}),
            0,
            CamResult.TargetSource.LABEL,
            0,
            0.5,
            0,
            true,
            new float[1]);
    List<List<CamResult>> results = List.of(List.of(uneven), List.of(explained(0)));
    ObjectOcclusion occlusion = new ObjectOcclusion(RegionFill.MEAN);
    boolean[] measured = {true, true};

    BrightnessModel model = new BrightnessModel();
    PerturbedCopies copies = new PerturbedCopies(batch);
    var multiplied = CamMultiplication.addCopies(copies, results, measured);
    var occluded = occlusion.addCopies(copies, images, results);
    PerturbedCopies.Scores scores = copies.score(model);
    assertEquals(List.of(6), model.passes, "2 multiplied + 2 × 2 occluded copies, one pass");

    PerturbedCopies alone = new PerturbedCopies(batch);
    var multipliedAlone = CamMultiplication.addCopies(alone, results, measured);
    List<List<Double>> changes = multiplied.apply(scores);
    assertEquals(multipliedAlone.apply(alone.score(model)), changes);
    assertNotEquals(changes.get(0).get(0), changes.get(1).get(0), "the maps weigh differently");
    assertEquals(measure(occlusion, model, batch, images, results), occluded.apply(scores));
  }

  /** Background reliance alone: its copies, scored. */
  private static List<List<BackgroundReliance>> measure(
      ObjectOcclusion occlusion,
      CamModel model,
      InputBatch batch,
      List<ObjectOcclusion.Occluded> images,
      List<List<CamResult>> results) {
    PerturbedCopies copies = new PerturbedCopies(batch);
    var reliance = occlusion.addCopies(copies, images, results);
    return reliance.apply(copies.score(model));
  }
}
