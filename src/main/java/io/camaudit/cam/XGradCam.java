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
public final class XGradCam extends ChannelWeightedCam {

  @Override
  public String name() {
    return "xgradcam";
  }

  @Override
  protected double[] channelWeights(LayerTrace trace) {
    int area = trace.area();
    double[] weights = new double[trace.channels()];
    for (int k = 0; k < weights.length; k++) {
      double activationSum = 0;
      double weighted = 0;
      for (int i = 0; i < area; i++) {
        double a = trace.activation(k, i);
        activationSum += a;
        weighted += a * trace.gradient(k, i);
      }
      weights[k] = activationSum == 0 ? 0 : weighted / activationSum;
    }
    return weights;
  }
}
