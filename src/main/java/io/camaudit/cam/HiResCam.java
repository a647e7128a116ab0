package io.camaudit.cam;

/**
 * HiResCAM (Draelos and Carin, "Use HiResCAM instead of Grad-CAM for faithful explanations of
 * convolutional neural networks", arXiv:2011.08891, 2020): the element-wise product of gradient and
 * activation, summed over channels, {@code map_ij = ReLU(sum_k dy_c / dA_k,ij * A_k,ij)}. Grad-CAM
 * averages the gradient over positions first; the two agree when the gradient is constant over
 * positions, as for a global-average-pool and linear head.
 */
public final class HiResCam extends ElementWiseCam {

  @Override
  public String name() {
    return "hirescam";
  }

  @Override
  protected double gradientWeight(double gradient) {
    return gradient;
  }
}
