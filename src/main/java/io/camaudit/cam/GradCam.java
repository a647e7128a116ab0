package io.camaudit.cam;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017): each channel is weighted by the spatial mean of the
 * gradient of the target score with respect to it, {@code w_k = (1 / hw) sum_ij dy_c / dA_k,ij}.
 */
public final class GradCam extends ChannelWeightedCam {

  @Override
  public String name() {
    return "gradcam";
  }

  @Override
  protected double[] channelWeights(LayerTrace trace) {
    int area = trace.area();
    double[] weights = new double[trace.channels()];
    for (int k = 0; k < weights.length; k++) {
      double sum = 0;
      for (int i = 0; i < area; i++) {
        sum += trace.gradient(k, i);
      }
      weights[k] = sum / area;
    }
    return weights;
  }
}
