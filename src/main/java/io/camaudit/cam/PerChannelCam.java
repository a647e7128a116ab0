package io.camaudit.cam;

/**
 * A {@link ChannelWeightedCam} whose weight for a channel depends on that channel alone (Grad-CAM,
 * Grad-CAM++, XGrad-CAM): a method overrides only {@link #channelWeight}.
 */
public abstract class PerChannelCam extends ChannelWeightedCam {

  /** The weight of channel {@code k} of {@code trace}. */
  protected abstract double channelWeight(LayerTrace trace, int k);

  @Override
  protected final double[] channelWeights(LayerTrace trace) {
    double[] weights = new double[trace.channels()];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = channelWeight(trace, k);
    }
    return weights;
  }
}
