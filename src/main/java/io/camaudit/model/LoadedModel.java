package io.camaudit.model;

import io.camaudit.cam.CamModel;

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

  @Override
  public void close() {
    model.close();
  }
}
