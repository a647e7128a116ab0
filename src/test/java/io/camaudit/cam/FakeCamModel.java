package io.camaudit.cam;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CamModel} with a fixed layer pass and a {@code predict} whose logits are {@code (-sum of
 * pixels, +sum of pixels)}; it records every call.
 */
final class FakeCamModel implements CamModel {

  private final float[] logits;
  private final int channels;
  private final int height;
  private final int width;
  private final float[] activations;
  private final float[] gradients;
  int forwardBackwardCalls;
  final List<InputBatch> predicted = new ArrayList<>();

  /** Every image of a batch gets logits {@code logits} and these activations and gradients. */
  FakeCamModel(float[] logits, int height, int width, float[][] activations, float[][] gradients) {
    this.logits = logits.clone();
    this.channels = activations.length;
    this.height = height;
    this.width = width;
    this.activations = Traces.flatten(activations, height * width);
    this.gradients = Traces.flatten(gradients, height * width);
  }

  @Override
  public List<String> classes() {
    return List.of("minus", "plus");
  }

  @Override
  public String layer() {
    return "fake";
  }

  @Override
  public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
    forwardBackwardCalls++;
    float[] imageLogits = new float[batch.size() * 2];
    for (int n = 0; n < batch.size(); n++) {
      System.arraycopy(logits, 0, imageLogits, n * 2, 2);
    }
    TargetPairs pairs = TargetPairs.resolve(requests, imageLogits, 2, Head.SOFTMAX);
    int p = pairs.size();
    float[] allLogits = new float[p * 2];
    float[] allActivations = new float[p * activations.length];
    float[] allGradients = new float[p * gradients.length];
    for (int i = 0; i < p; i++) {
      System.arraycopy(logits, 0, allLogits, i * 2, 2);
      System.arraycopy(activations, 0, allActivations, i * activations.length, activations.length);
      System.arraycopy(gradients, 0, allGradients, i * gradients.length, gradients.length);
    }
    return new LayerPass(
        p,
        pairs.images(),
        2,
        allLogits,
        pairs.targets(),
        channels,
        height,
        width,
        allActivations,
        allGradients);
  }

  @Override
  public float[] predict(InputBatch batch) {
    float[] copy = new float[batch.size() * batch.imageLength()];
    System.arraycopy(batch.data(), 0, copy, 0, copy.length);
    predicted.add(
        new InputBatch(batch.size(), batch.channels(), batch.height(), batch.width(), copy));
    float[] out = new float[batch.size() * 2];
    for (int n = 0; n < batch.size(); n++) {
      double sum = 0;
      for (int i = 0; i < batch.imageLength(); i++) {
        sum += copy[n * batch.imageLength() + i];
      }
      out[2 * n] = (float) -sum;
      out[2 * n + 1] = (float) sum;
    }
    return out;
  }

  @Override
  public void close() {}
}
