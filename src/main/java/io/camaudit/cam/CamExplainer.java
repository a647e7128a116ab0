package io.camaudit.cam;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains batches of images: one forward and one backward through the head per batch, then the
 * method forms each image's map. Each image gets its own target; a target is never broadcast to the
 * batch.
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
   * Explains each image of the batch.
   *
   * @param batch preprocessed images
   * @param requestedTargets per image, a class index (its label) or {@link Targets#PREDICTED}
   * @return one result per image, in batch order
   */
  public List<CamResult> explain(InputBatch batch, int[] requestedTargets) {
    if (requestedTargets.length != batch.size()) {
      throw new IllegalArgumentException(
          "Expected one target per image: "
              + requestedTargets.length
              + " targets for "
              + batch.size()
              + " images");
    }
    LayerPass pass = model.forwardBackward(batch, requestedTargets);
    Head head = model.head();
    int numClasses = model.classes().size();
    List<CamResult> results = new ArrayList<>(batch.size());
    for (int n = 0; n < batch.size(); n++) {
      int offset = n * pass.numLogits();
      int target = pass.targets()[n];
      LayerTrace trace = pass.trace(n).withScorer(new ModelInputScorer(model, batch, n, target));
      results.add(
          new CamResult(
              method.map(trace),
              target,
              requestedTargets[n] == Targets.PREDICTED
                  ? CamResult.TargetSource.PREDICTED
                  : CamResult.TargetSource.LABEL,
              head.score(pass.logits(), offset, target),
              head.probability(pass.logits(), offset, numClasses, target),
              head.predicted(pass.logits(), offset, numClasses),
              head.predicts(pass.logits(), offset, numClasses, target)));
    }
    return results;
  }
}
