package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * A class activation mapping method: how one sample's layer trace becomes a map at feature
 * resolution. Methods differ only here; running the model and choosing targets is shared.
 */
public interface CamMethod {

  /** Short stable name, written to outputs (for example {@code gradcam}). */
  String name();

  /** Forms the map of one sample; never negative for the methods in this package. */
  FloatMap map(LayerTrace trace);
}
