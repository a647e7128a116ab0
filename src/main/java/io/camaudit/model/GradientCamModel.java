package io.camaudit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.camaudit.cam.CamModel;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.TargetPairs;
import io.camaudit.cam.TargetRequest;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Runs a {@link SplitNetwork} for Grad-CAM on DJL's PyTorch engine.
 *
 * <p>Per batch: {@code features} with gradient recording off (no graph through the backbone),
 * {@code A} marked as requiring gradient, {@code head} with recording on, then one backward of the
 * logits seeded with each image's target score ({@link Head#score}: a one-hot row, -1 for a binary
 * head's negative class), which yields for every image the gradient of its own target's score. An
 * image with several targets shares its forward pass through {@code features}; the head runs on one
 * copy of {@code A} per (image, class) pair, so the same single backward separates the classes. A
 * layer that gives tokens (ViT, Swin) has its activations and gradients reshaped to {@code [N, K,
 * h, w]} by the model's {@link TokenLayout} before a CAM method sees them. Gradient recording is
 * switched per thread, never through DJL's JVM-wide gradient collector, so Spark task threads can
 * explain batches at the same time. Each batch owns a sub-manager that frees its native memory when
 * the batch is done.
 */
public final class GradientCamModel implements CamModel {

  private final SplitNetwork network;
  private final List<String> classes;
  private final String layer;
  private final Head head;
  private final TokenLayout tokens;

  /**
   * @param tokens how the layer's output becomes {@code [N, K, h, w]} maps (activations and
   *     gradients alike)
   */
  GradientCamModel(
      SplitNetwork network, List<String> classes, String layer, Head head, TokenLayout tokens) {
    this.network = network;
    this.classes = List.copyOf(classes);
    this.layer = layer;
    this.head = head;
    this.tokens = tokens;
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
  public Head head() {
    return head;
  }

  @Override
  public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
    return withFeatures(
        batch,
        (outputs, scope) ->
            TargetPairs.count(requests, classes.size()) == batch.size()
                ? oneTargetPerImage(outputs, requests, scope)
                : severalTargetsPerImage(outputs, requests, scope));
  }

  /** {@code then} applied to the batch's {@code features}, as {@link #withInput} runs them. */
  private <T> T withFeatures(InputBatch batch, BiFunction<NDList, NDManager, T> then) {
    return withInput(batch, (input, scope) -> then.apply(network.features(input), scope));
  }

  /**
   * {@code then} applied to the batch as a tensor, with recording off, in a sub-manager that frees
   * the batch's native memory afterwards; the thread's gradient mode is restored.
   */
  private <T> T withInput(InputBatch batch, BiFunction<NDArray, NDManager, T> then) {
    boolean gradMode = TorchInternals.isGradMode();
    try (NDManager scope = network.manager().newSubManager()) {
      TorchInternals.setGradMode(false);
      return then.apply(toTensor(batch, scope), scope);
    } finally {
      TorchInternals.setGradMode(gradMode);
    }
  }

  /** The layer's output is the leaf that gradients reach; the head runs once, recording. */
  private LayerPass oneTargetPerImage(
      NDList outputs, List<TargetRequest> requests, NDManager scope) {
    Recorded recorded = backwardAtLayer(outputs, requests, scope);
    return layerPass(outputs.get(0), recorded.logits(), recorded.pairs());
  }

  /** The logits of a recorded head pass and the (image, class) pairs resolved from them. */
  private record Recorded(float[] logits, TargetPairs pairs) {}

  /**
   * Marks the layer's output as the leaf gradients reach, runs the head recording, resolves each
   * image's target from the logits and runs one backward of the targets' scores.
   */
  private Recorded backwardAtLayer(NDList outputs, List<TargetRequest> requests, NDManager scope) {
    outputs.get(0).setRequiresGradient(true);
    TorchInternals.setGradMode(true);
    NDArray logits = network.head(outputs);
    float[] logitValues = logits.toFloatArray();
    checkLogits(logits);
    TargetPairs pairs = TargetPairs.resolve(requests, logitValues, classes.size(), head);
    seededBackward(logits, pairs, scope);
    return new Recorded(logitValues, pairs);
  }

  /**
   * The head runs once without recording to give the logits that top-k targets are chosen from,
   * then once more, recording, on a copy of the layer's output (and context) per (image, class)
   * pair, so that one backward gives each pair's gradient apart from the others of its image.
   */
  private LayerPass severalTargetsPerImage(
      NDList outputs, List<TargetRequest> requests, NDManager scope) {
    NDArray imageLogits = network.head(outputs);
    checkLogits(imageLogits);
    TargetPairs pairs =
        TargetPairs.resolve(requests, imageLogits.toFloatArray(), classes.size(), head);
    NDArray index = scope.create(Arrays.stream(pairs.images()).asLongStream().toArray());
    NDList perPair = new NDList(outputs.size());
    for (NDArray output : outputs) {
      perPair.add(output.get(index));
    }
    perPair.get(0).setRequiresGradient(true);
    TorchInternals.setGradMode(true);
    NDArray logits = network.head(perPair);
    float[] logitValues = logits.toFloatArray();
    seededBackward(logits, pairs, scope);
    return layerPass(perPair.get(0), logitValues, pairs);
  }

  /** One backward of every pair's target score, seeded per row ({@link #seed}). */
  private void seededBackward(NDArray logits, TargetPairs pairs, NDManager scope) {
    int numLogits = head.logits(classes.size());
    TorchInternals.backward(
        logits, scope.create(seed(pairs.targets(), numLogits), new Shape(pairs.size(), numLogits)));
  }

  /** The layer's output and its gradient after {@link #seededBackward}, as maps. */
  private LayerPass layerPass(NDArray activations, float[] logitValues, TargetPairs pairs) {
    long[] shape = activations.getShape().getShape();
    TokenLayout.Maps maps = tokens.toMaps(shape, activations.toFloatArray());
    TokenLayout.Maps gradients = tokens.toMaps(shape, activations.getGradient().toFloatArray());
    return new LayerPass(
        pairs.size(),
        pairs.images(),
        head.logits(classes.size()),
        logitValues,
        pairs.targets(),
        maps.channels(),
        maps.height(),
        maps.width(),
        maps.values(),
        gradients.values());
  }

  /**
   * Checks the backward pass at the layer on one image, for its predicted class ({@link
   * GradientCheck}): the first step whose finite difference agrees, else the last one tried. A zero
   * gradient is not checked (there is no direction to check it along).
   */
  GradientCheck checkGradient(InputBatch image) {
    return withFeatures(
        image,
        (outputs, scope) -> {
          int target =
              backwardAtLayer(outputs, List.of(TargetRequest.predicted()), scope)
                  .pairs()
                  .targets()[0];
          TorchInternals.setGradMode(false);
          NDArray activations = outputs.get(0);
          NDArray gradient = activations.getGradient();
          double norm = norm(gradient.toFloatArray());
          if (norm == 0) {
            return new GradientCheck(0, 0, 0);
          }
          NDArray direction = gradient.div(norm);
          double size = norm(activations.toFloatArray());
          GradientCheck check = null;
          for (double relative : GradientCheck.RELATIVE_STEPS) {
            double step = relative * size;
            double ahead = score(outputs, activations.add(direction.mul(step)), target);
            double behind = score(outputs, activations.sub(direction.mul(step)), target);
            check = new GradientCheck(norm, (ahead - behind) / (2 * step), step);
            if (check.passed()) {
              break;
            }
          }
          return check;
        });
  }

  /**
   * The layer's output on {@code image} in the network's lower precision checked against float32;
   * empty when the network computes in float32.
   */
  Optional<PrecisionCheck> checkPrecision(InputBatch image) {
    if (network.precision() == Precision.FP32) {
      return Optional.empty();
    }
    return Optional.of(
        withInput(
            image,
            (input, scope) ->
                PrecisionCheck.of(
                    network.precision(),
                    network.float32Features(input).toFloatArray(),
                    network.features(input).get(0).toFloatArray())));
  }

  /** The target's score ({@link Head#signOf} times its logit) with the layer's output replaced. */
  private double score(NDList outputs, NDArray activations, int target) {
    NDList replaced = new NDList(outputs.size());
    replaced.addAll(outputs);
    replaced.set(0, activations);
    return head.signOf(target) * network.head(replaced).toFloatArray()[head.logitOf(target)];
  }

  private static double norm(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }

  @Override
  public float[] predict(InputBatch batch) {
    return withFeatures(
        batch,
        (outputs, scope) -> {
          NDArray logits = network.head(outputs);
          checkLogits(logits);
          return logits.toFloatArray();
        });
  }

  private static NDArray toTensor(InputBatch batch, NDManager scope) {
    FloatBuffer pixels = FloatBuffer.wrap(batch.data(), 0, batch.size() * batch.imageLength());
    return scope.create(
        pixels, new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
  }

  private void checkLogits(NDArray logits) {
    Shape shape = logits.getShape();
    int expected = head.logits(classes.size());
    if (shape.dimension() != 2 || shape.get(1) != expected) {
      throw new IllegalStateException(
          "Model head returned logits of shape "
              + shape
              + ", expected [N, "
              + expected
              + "] for classes "
              + classes
              + " with a "
              + head.id()
              + " head (model.json 'head')");
    }
  }

  /** Per pair, the target's logit seeded with its sign ({@link Head#signOf}), the rest 0. */
  private float[] seed(int[] targets, int numLogits) {
    float[] seed = new float[targets.length * numLogits];
    for (int n = 0; n < targets.length; n++) {
      seed[n * numLogits + head.logitOf(targets[n])] = head.signOf(targets[n]);
    }
    return seed;
  }

  @Override
  public void close() {
    network.close();
  }
}
