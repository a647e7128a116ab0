package io.camaudit.bench;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.Targets;
import io.camaudit.data.Preprocessing;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.TorchThreads;
import java.util.Arrays;
import java.util.Random;

/**
 * Plain batched inference ({@code CamModel.predict}) against Grad-CAM ({@code CamExplainer} with
 * {@link GradCam}, targets predicted) on one model, same batch, same intra-op threads, on the
 * calling thread. Timed repeats of the two alternate, so drift of the machine hits both alike.
 */
final class ModelBench {

  /**
   * One measurement.
   *
   * @param inferencePerSecond median images/s of plain inference
   * @param gradCamPerSecond median images/s of Grad-CAM
   */
  record Result(double inferencePerSecond, double gradCamPerSecond) {
    /** Grad-CAM over inference throughput. */
    double ratio() {
      return gradCamPerSecond / inferencePerSecond;
    }
  }

  private final Throughput throughput;
  private final int repeats;

  ModelBench(Throughput throughput, int repeats) {
    this.throughput = throughput;
    this.repeats = repeats;
  }

  /**
   * Measures {@code model} with batches of {@code batchSize} on {@code threads} intra-op threads.
   */
  Result measure(LoadedModel model, int batchSize, int threads) {
    TorchThreads.useIntraOpThreads(threads);
    InputBatch batch = randomBatch(model.spec().input(), batchSize);
    int[] targets = new int[batchSize];
    Arrays.fill(targets, Targets.PREDICTED);
    CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
    Runnable inference = () -> model.model().predict(batch);
    Runnable gradCam = () -> explainer.explain(batch, targets);
    throughput.warmUp(inference);
    throughput.warmUp(gradCam);
    double[] inferred = new double[repeats];
    double[] explained = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      inferred[r] = throughput.repeat(inference, batchSize);
      explained[r] = throughput.repeat(gradCam, batchSize);
    }
    return new Result(Throughput.median(inferred), Throughput.median(explained));
  }

  /** Seeded standard-normal values, about what normalised images look like. */
  private static InputBatch randomBatch(Preprocessing input, int size) {
    Random random = new Random(size);
    float[] data = new float[size * input.imageLength()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return new InputBatch(size, 3, input.height(), input.width(), data);
  }
}
