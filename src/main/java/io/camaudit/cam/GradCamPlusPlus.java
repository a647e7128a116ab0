package io.camaudit.cam;

/**
 * Grad-CAM++ (Chattopadhay et al., "Grad-CAM++: Generalized Gradient-Based Visual Explanations for
 * Deep Convolutional Networks", WACV 2018), in the closed form of their Eq. 19 for the score {@code
 * Y = exp(S_c)}: with {@code g = dS_c / dA_k,ij},
 *
 * <pre>
 * alpha_k,ij = g^2 / (2 g^2 + (sum_ab A_k,ab) g^3)      (0 where g = 0)
 * w_k        = sum_ij alpha_k,ij ReLU(g_k,ij)
 * </pre>
 *
 * <p>The positive factor {@code exp(S_c)} that the derivatives of {@code Y} bring is the same for
 * every channel and dropped, as in pytorch-grad-cam. Unlike pytorch-grad-cam, no epsilon is added
 * to the denominator: late-layer gradients of order 1e-3 have {@code g^2} of the order of its 1e-6
 * and would have their alpha shrunk. A zero denominator (possible only when {@code g != 0} and
 * {@code g * sum A = -2}, so never for a positive {@code g} over ReLU activations) gives alpha 0.
 */
public final class GradCamPlusPlus extends PerChannelCam {

  @Override
  public String name() {
    return "gradcam++";
  }

  @Override
  protected double channelWeight(LayerTrace trace, int k) {
    double activationSum = trace.activationSum(k);
    double weight = 0;
    for (int i = 0; i < trace.area(); i++) {
      double g = trace.gradient(k, i);
      if (g <= 0) {
        continue; // ReLU(g) = 0, whatever alpha is
      }
      double g2 = g * g;
      double denominator = 2 * g2 + activationSum * g2 * g;
      if (denominator != 0) {
        weight += g2 / denominator * g;
      }
    }
    return weight;
  }
}
