package io.camaudit.cam;

import io.camaudit.image.FloatMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains batches of images: one forward and one backward through the head per batch, then the
 * method forms each (image, class) pair's map. Each image gets its own targets; a target is never
 * broadcast to the batch.
 *
 * <p>Each image's trace carries a {@link MaskedInputScorer} over {@link CamModel#predict} for that
 * image and target, for methods that score masked inputs (Score-CAM); the others never call it, and
 * it costs nothing until called.
 */
public final class CamExplainer {

  private final CamModel model;
  private final CamMethod method;

  /** An explainer of {@code model}'s decisions with {@code method}. */
  public CamExplainer(CamModel model, CamMethod method) {
    this.model = model;
    this.method = method;
  }

  /** The method maps are formed with. */
  public CamMethod method() {
    return method;
  }

  /** The model explained. */
  public CamModel model() {
    return model;
  }

  /**
   * Explains each image of the batch for one class.
   *
   * @param batch preprocessed images
   * @param requestedTargets per image, a class index (its label) or {@link Targets#PREDICTED}
   * @return one result per image, in batch order
   */
  public List<CamResult> explain(InputBatch batch, int[] requestedTargets) {
    List<CamResult> results = new ArrayList<>(batch.size());
    for (List<CamResult> image : explain(batch, TargetRequest.each(requestedTargets))) {
      results.add(image.get(0));
    }
    return results;
  }

  /**
   * Explains each image of the batch for the classes its request names or chooses; the classes of
   * an image share one forward pass.
   *
   * @param batch preprocessed images
   * @param requests per image, the classes to explain
   * @return per image in batch order, one result per class in its request's order
   */
  public List<List<CamResult>> explain(InputBatch batch, List<TargetRequest> requests) {
    LayerPass pass = model.forwardBackward(batch, requests);
    Head head = model.head();
    int numClasses = model.classes().size();
    List<List<CamResult>> results = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      results.add(new ArrayList<>(requests.get(n).count(numClasses)));
    }
    for (int p = 0; p < pass.size(); p++) {
      int image = pass.images()[p];
      int offset = p * pass.numLogits();
      int target = pass.targets()[p];
      LayerTrace trace =
          pass.trace(p).withScorer(new ModelInputScorer(model, batch, image, target));
      FloatMap map = method.map(trace);
      results
          .get(image)
          .add(
              new CamResult(
                  map,
                  target,
                  requests.get(image).source(),
                  head.score(pass.logits(), offset, target),
                  head.probability(pass.logits(), offset, numClasses, target),
                  head.predicted(pass.logits(), offset, numClasses),
                  head.predicts(pass.logits(), offset, numClasses, target),
                  trace.hotRegionFeatures(map)));
    }
    return results;
  }
}
