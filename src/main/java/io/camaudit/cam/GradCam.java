package io.camaudit.cam;

/**
 * Grad-CAM (Selvaraju et al., ICCV 2017): each channel is weighted by the spatial mean of the
 * gradient of the target score with respect to it, {@code w_k = (1 / hw) sum_ij dy_c / dA_k,ij}.
 */
public final class GradCam extends PerChannelCam {

  @Override
  public String name() {
    return "gradcam";
  }

  @Override
  protected double channelWeight(LayerTrace trace, int k) {
    double sum = 0;
    for (int i = 0; i < trace.area(); i++) {
      sum += trace.gradient(k, i);
    }
    return sum / trace.area();
  }
}
