package io.camaudit.cam;

import io.camaudit.image.FloatMap;

/**
 * Methods whose map is {@code ReLU(sum_k f(g_k,ij) A_k,ij)}: each activation is weighted by a
 * function of its own gradient instead of one weight per channel. They differ only in {@code f}.
 */
public abstract class ElementWiseCam implements CamMethod {

  /** The weight of an activation whose gradient is {@code gradient}. */
  protected abstract double gradientWeight(double gradient);

  @Override
  public final FloatMap map(LayerTrace trace) {
    int area = trace.area();
    double[] sum = new double[area];
    for (int k = 0; k < trace.channels(); k++) {
      for (int i = 0; i < area; i++) {
        sum[i] += gradientWeight(trace.gradient(k, i)) * trace.activation(k, i);
      }
    }
    float[] values = new float[area];
    for (int i = 0; i < area; i++) {
      values[i] = (float) Math.max(sum[i], 0.0);
    }
    return new FloatMap(trace.height(), trace.width(), values);
  }
}
