package io.camaudit.cam;

/**
 * XGrad-CAM (Fu et al., "Axiom-based Grad-CAM: Towards Accurate Visualization and Explanation of
 * CNNs", BMVC 2020): each gradient is weighted by its activation's share of the channel's sum,
 * {@code w_k = sum_ij (A_k,ij / sum_ab A_k,ab) dy_c / dA_k,ij}.
 *
 * <p>A channel whose activations sum to 0 gets weight 0 (pytorch-grad-cam divides by the sum plus
 * 1e-7 instead; for ReLU activations summing to 0 both give 0, and the channel adds nothing to the
 * map either way).
 */
public final class XGradCam extends PerChannelCam {

  @Override
  public String name() {
    return "xgradcam";
  }

  @Override
  protected double channelWeight(LayerTrace trace, int k) {
    double activationSum = trace.activationSum(k);
    if (activationSum == 0) {
      return 0;
    }
    double weighted = 0;
    for (int i = 0; i < trace.area(); i++) {
      weighted += trace.activation(k, i) * trace.gradient(k, i);
    }
    return weighted / activationSum;
  }
}
