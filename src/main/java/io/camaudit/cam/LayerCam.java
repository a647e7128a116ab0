package io.camaudit.cam;

/**
 * LayerCAM (Jiang et al., "LayerCAM: Exploring Hierarchical Class Activation Maps for
 * Localization", IEEE TIP 2021): each activation weighted by its own positive gradient, {@code
 * map_ij = ReLU(sum_k ReLU(dy_c / dA_k,ij) * A_k,ij)}.
 */
public final class LayerCam extends ElementWiseCam {

  @Override
  public String name() {
    return "layercam";
  }

  @Override
  protected double gradientWeight(double gradient) {
    return Math.max(gradient, 0.0);
  }
}
