package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.camaudit.cam.CamModel;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.Targets;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Runs a {@link SplitNetwork} for Grad-CAM on DJL's PyTorch engine.
 *
 * <p>Per batch: {@code features} with gradient recording off (no graph through the backbone),
 * {@code A} marked as requiring gradient, {@code head} with recording on, then one backward of the
 * logits with a one-hot seed, which yields for every image the gradient of its own target logit.
 * Gradient recording is switched per thread, never through DJL's JVM-wide gradient collector, so
 * Spark task threads can explain batches at the same time. Each batch owns a sub-manager that frees
 * its native memory when the batch is done.
 */
public final class GradientCamModel implements CamModel {

  private final SplitNetwork network;
  private final List<String> classes;
  private final String layer;

  GradientCamModel(SplitNetwork network, List<String> classes, String layer) {
    this.network = network;
    this.classes = List.copyOf(classes);
    this.layer = layer;
  }

  /** The network explained (for tests in this package). */
  SplitNetwork network() {
    return network;
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public String layer() {
    return layer;
  }

  @Override
  public LayerPass forwardBackward(InputBatch batch, int[] requestedTargets) {
    boolean gradMode = TorchInternals.isGradMode();
    try (NDManager scope = network.manager().newSubManager()) {
      TorchInternals.setGradMode(false);
      NDArray activations = network.features(toTensor(batch, scope));
      activations.setRequiresGradient(true);
      TorchInternals.setGradMode(true);
      NDArray logits = network.head(activations);
      float[] logitValues = logits.toFloatArray();
      int numClasses = checkClasses(logits);
      int[] targets = Targets.resolve(requestedTargets, logitValues, numClasses);
      NDArray seed = scope.create(oneHot(targets, numClasses), new Shape(batch.size(), numClasses));
      TorchInternals.backward(logits, seed);
      Shape shape = activations.getShape();
      return new LayerPass(
          batch.size(),
          numClasses,
          logitValues,
          targets,
          (int) shape.get(1),
          (int) shape.get(2),
          (int) shape.get(3),
          activations.toFloatArray(),
          activations.getGradient().toFloatArray());
    } finally {
      TorchInternals.setGradMode(gradMode);
    }
  }

  @Override
  public float[] predict(InputBatch batch) {
    boolean gradMode = TorchInternals.isGradMode();
    try (NDManager scope = network.manager().newSubManager()) {
      TorchInternals.setGradMode(false);
      NDArray logits = network.head(network.features(toTensor(batch, scope)));
      checkClasses(logits);
      return logits.toFloatArray();
    } finally {
      TorchInternals.setGradMode(gradMode);
    }
  }

  private static NDArray toTensor(InputBatch batch, NDManager scope) {
    FloatBuffer pixels = FloatBuffer.wrap(batch.data(), 0, batch.size() * batch.imageLength());
    return scope.create(
        pixels, new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
  }

  private int checkClasses(NDArray logits) {
    Shape shape = logits.getShape();
    if (shape.dimension() != 2 || shape.get(1) != classes.size()) {
      throw new IllegalStateException(
          "Model head returned logits of shape "
              + shape
              + ", expected [N, "
              + classes.size()
              + "] for classes "
              + classes);
    }
    return classes.size();
  }

  private static float[] oneHot(int[] targets, int numClasses) {
    float[] seed = new float[targets.length * numClasses];
    for (int n = 0; n < targets.length; n++) {
      seed[n * numClasses + targets[n]] = 1f;
    }
    return seed;
  }

  @Override
  public void close() {
    network.close();
  }
}
