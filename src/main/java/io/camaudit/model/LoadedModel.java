package io.camaudit.model;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.Targets;
import io.camaudit.data.Preprocessing;

/**
 * A model ready to explain, with its identity.
 *
 * @param info where it came from and what it is
 * @param model the loaded model
 */
public record LoadedModel(ModelInfo info, CamModel model) implements AutoCloseable {

  /** Its {@code model.json}. */
  public ModelSpec spec() {
    return info.spec();
  }

  /**
   * Runs one black image forward and back through the model as an audit batch does, so that a model
   * which cannot explain (no 4-D map at its layer, not one logit per class, no gradient) fails here
   * rather than in every task.
   *
   * @throws RuntimeException from the engine or the model, saying what went wrong
   */
  public void selfTest() {
    Preprocessing input = spec().input();
    model.forwardBackward(
        new InputBatch(1, 3, input.height(), input.width(), new float[input.imageLength()]),
        new int[] {Targets.PREDICTED});
  }

  @Override
  public void close() {
    model.close();
  }
}
