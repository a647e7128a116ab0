package io.camaudit.audit;

import io.camaudit.cam.CamResult;
import io.camaudit.cam.InputBatch;
import io.camaudit.image.CropWindow;
import io.camaudit.image.RegionFill;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Measures each image's {@link BackgroundReliance}: a background-only and an object-only copy of
 * each image of a batch that has boxes, scored with the batch's other {@link PerturbedCopies}.
 * Every explained class of an image reads its probabilities from its two copies.
 */
final class ObjectOcclusion {

  private final RegionFill fill;

  ObjectOcclusion(RegionFill fill) {
    this.fill = fill;
  }

  /**
   * Where an image's boxes lie on its model input, a {@code width × height} input covering {@code
   * window}: no boxes for an image without any.
   */
  static Occluded occluded(AuditInput input, CropWindow window, int width, int height) {
    return new Occluded(
        input.boxes().isEmpty() ? null : window.inputPixelsIn(input.boxes(), width, height),
        seedOf(input.imageId()));
  }

  /**
   * One image of a batch: where its boxes lie on the model input, and the seed of its fill's noise.
   *
   * @param inBoxes the input pixels inside the image's boxes ({@link CropWindow#inputPixelsIn});
   *     null for an image without boxes
   */
  record Occluded(boolean[] inBoxes, long seed) {}

  /**
   * Adds to {@code copies} the background-only and object-only copies of each image of their source
   * that has boxes; returns how to read, once the copies are scored, the reliance of each explained
   * class of each image.
   *
   * @param images per image of the source, in order; null for an image not to measure
   * @param results per image, its explained classes
   * @return per image, one entry per result in order; null for an image without boxes or not
   *     measured
   */
  Function<PerturbedCopies.Scores, List<List<BackgroundReliance>>> addCopies(
      PerturbedCopies copies, List<Occluded> images, List<List<CamResult>> results) {
    InputBatch batch = copies.source();
    int[] backgroundOnly = new int[batch.size()];
    int[] objectOnly = new int[batch.size()];
    Arrays.fill(backgroundOnly, -1);
    for (int n = 0; n < batch.size(); n++) {
      Occluded image = images.get(n);
      if (image == null || image.inBoxes() == null) {
        continue;
      }
      backgroundOnly[n] = copies.add(n);
      objectOnly[n] = copies.add(n);
      fill.fillInsideAndOutside(
          copies.data(),
          copies.offset(backgroundOnly[n]),
          copies.offset(objectOnly[n]),
          batch.channels(),
          batch.height(),
          batch.width(),
          image.inBoxes(),
          image.seed());
    }
    return scores -> {
      List<List<BackgroundReliance>> reliance = new ArrayList<>(batch.size());
      for (int n = 0; n < batch.size(); n++) {
        int background = backgroundOnly[n];
        if (background < 0) {
          reliance.add(null);
          continue;
        }
        List<BackgroundReliance> perClass = new ArrayList<>();
        for (CamResult result : results.get(n)) {
          int c = result.targetClass();
          perClass.add(
              new BackgroundReliance(
                  scores.probability(background, c),
                  scores.predicts(background, c),
                  scores.probability(objectOnly[n], c),
                  scores.predicts(objectOnly[n], c)));
        }
        reliance.add(perClass);
      }
      return reliance;
    };
  }

  /** The seed of an image's fill noise: the same for an image id in every run. */
  static long seedOf(String imageId) {
    return UUID.nameUUIDFromBytes(imageId.getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }
}
