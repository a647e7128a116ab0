package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * Methods whose map is {@code ReLU(sum_k w_k A_k)} and which differ only in the channel weights
 * {@code w_k}.
 */
public abstract class ChannelWeightedCam implements CamMethod {

  /** The weight of each of the trace's channels. */
  protected abstract double[] channelWeights(LayerTrace trace);

  @Override
  public final FloatMap map(LayerTrace trace) {
    double[] weights = channelWeights(trace);
    int area = trace.area();
    double[] sum = new double[area];
    for (int k = 0; k < trace.channels(); k++) {
      double w = weights[k];
      if (w == 0) {
        continue;
      }
      for (int i = 0; i < area; i++) {
        sum[i] += w * trace.activation(k, i);
      }
    }
    float[] values = new float[area];
    for (int i = 0; i < area; i++) {
      values[i] = (float) Math.max(sum[i], 0.0);
    }
    return new FloatMap(trace.height(), trace.width(), values);
  }
}
