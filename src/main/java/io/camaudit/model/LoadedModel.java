package io.camaudit.model;

import io.camaudit.cam.CamModel;

/**
 * A model ready to explain, with where it came from.
 *
 * @param location the location it was loaded from, as given by the user
 * @param spec its {@code model.json}
 * @param digest SHA-256 of its spec and weights, hex
 * @param model the loaded model
 */
public record LoadedModel(String location, ModelSpec spec, String digest, CamModel model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
