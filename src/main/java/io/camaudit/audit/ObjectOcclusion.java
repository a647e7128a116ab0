package io.camaudit.audit;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.image.CropWindow;
import io.camaudit.image.RegionFill;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Measures each image's {@link BackgroundReliance} with two forward passes per batch: one over the
 * background-only copies of the batch's images that have boxes, one over their object-only copies.
 * Every explained class of an image reads its probabilities from those two passes.
 */
final class ObjectOcclusion {

  private final CamModel model;
  private final RegionFill fill;

  ObjectOcclusion(CamModel model, RegionFill fill) {
    this.model = model;
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
   * The reliance of each explained class of each image of {@code batch}.
   *
   * @param images per image of the batch, in order; null for an image not to measure
   * @param results per image, its explained classes
   * @return per image, one entry per result in order; null for an image without boxes or not
   *     measured
   */
  List<List<BackgroundReliance>> measure(
      InputBatch batch, List<Occluded> images, List<List<CamResult>> results) {
    List<Integer> withBoxes = new ArrayList<>();
    for (int n = 0; n < batch.size(); n++) {
      if (images.get(n) != null && images.get(n).inBoxes() != null) {
        withBoxes.add(n);
      }
    }
    List<List<BackgroundReliance>> reliance = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      reliance.add(null);
    }
    if (withBoxes.isEmpty()) {
      return reliance;
    }
    InputBatch backgroundOnlyImages = copy(batch, withBoxes);
    InputBatch objectOnlyImages = copy(batch, withBoxes);
    for (int m = 0; m < withBoxes.size(); m++) {
      Occluded image = images.get(withBoxes.get(m));
      fill.fillInsideAndOutside(
          backgroundOnlyImages.data(),
          objectOnlyImages.data(),
          m * batch.imageLength(),
          batch.channels(),
          batch.height(),
          batch.width(),
          image.inBoxes(),
          image.seed());
    }
    float[] backgroundOnly = model.predict(backgroundOnlyImages);
    float[] objectOnly = model.predict(objectOnlyImages);
    Head head = model.head();
    int classes = model.classes().size();
    int numLogits = backgroundOnly.length / withBoxes.size();
    for (int m = 0; m < withBoxes.size(); m++) {
      int image = withBoxes.get(m);
      int offset = m * numLogits;
      List<BackgroundReliance> perClass = new ArrayList<>();
      for (CamResult result : results.get(image)) {
        int c = result.targetClass();
        perClass.add(
            new BackgroundReliance(
                head.probability(backgroundOnly, offset, classes, c),
                head.predicts(backgroundOnly, offset, classes, c),
                head.probability(objectOnly, offset, classes, c),
                head.predicts(objectOnly, offset, classes, c)));
      }
      reliance.set(image, perClass);
    }
    return reliance;
  }

  /** A batch of copies of the chosen images of {@code batch}, in order. */
  private static InputBatch copy(InputBatch batch, List<Integer> chosen) {
    int length = batch.imageLength();
    float[] data = new float[chosen.size() * length];
    for (int m = 0; m < chosen.size(); m++) {
      System.arraycopy(batch.data(), chosen.get(m) * length, data, m * length, length);
    }
    return new InputBatch(chosen.size(), batch.channels(), batch.height(), batch.width(), data);
  }

  /** The seed of an image's fill noise: the same for an image id in every run. */
  static long seedOf(String imageId) {
    return UUID.nameUUIDFromBytes(imageId.getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }
}
