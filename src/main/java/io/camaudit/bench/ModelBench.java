package io.camaudit.bench;

import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.TargetPairs;
import io.camaudit.cam.TargetRequest;
import io.camaudit.cam.Targets;
import io.camaudit.data.Preprocessing;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.TorchThreads;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

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

  /**
   * Several classes per image against one.
   *
   * @param singlePerSecond median images/s of Grad-CAM of the predicted class
   * @param pairsPerSecond median (image, class) pairs/s of Grad-CAM of the top k classes
   */
  record TopKResult(double singlePerSecond, double pairsPerSecond) {
    /** Pairs per second over single-target images per second. */
    double ratio() {
      return pairsPerSecond / singlePerSecond;
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
    int[] targets = predicted(batchSize);
    CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
    double[] medians =
        alternate(
            () -> model.model().predict(batch),
            batchSize,
            () -> explainer.explain(batch, targets),
            batchSize);
    return new Result(medians[0], medians[1]);
  }

  /**
   * Grad-CAM of each image's {@code k} most probable classes (one forward pass per image, {@code
   * --targets top-k:K}) against Grad-CAM of its predicted class only, on the same batch.
   *
   * @return median images/s of single-target Grad-CAM and median (image, class) pairs/s of top-k
   */
  TopKResult measureTopK(LoadedModel model, int batchSize, int threads, int k) {
    TorchThreads.useIntraOpThreads(threads);
    InputBatch batch = randomBatch(model.spec().input(), batchSize);
    CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
    List<TargetRequest> single = Collections.nCopies(batchSize, TargetRequest.predicted());
    List<TargetRequest> topK = Collections.nCopies(batchSize, TargetRequest.topK(k));
    int pairs = TargetPairs.count(topK, model.model().classes().size());
    double[] medians =
        alternate(
            () -> explainer.explain(batch, single),
            batchSize,
            () -> explainer.explain(batch, topK),
            pairs);
    return new TopKResult(medians[0], medians[1]);
  }

  /**
   * How far {@code other}'s Grad-CAM maps are from {@code model}'s on one seeded batch, for each
   * image's predicted class (of {@code model}).
   */
  MapAgreement mapAgreement(LoadedModel model, LoadedModel other, int batchSize) {
    InputBatch batch = randomBatch(model.spec().input(), batchSize);
    List<CamResult> want =
        new CamExplainer(model.model(), new GradCam()).explain(batch, predicted(batchSize));
    int[] targets = want.stream().mapToInt(CamResult::targetClass).toArray();
    List<CamResult> got = new CamExplainer(other.model(), new GradCam()).explain(batch, targets);
    return MapAgreement.of(values(want), values(got));
  }

  /**
   * Agreement of two sets of maps.
   *
   * @param pearson the correlation of all their values
   * @param maxDifference the largest absolute difference of two values
   * @param largest the largest absolute value of the first set
   */
  record MapAgreement(double pearson, double maxDifference, double largest) {
    static MapAgreement of(double[] a, double[] b) {
      double max = 0;
      double largest = 0;
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(a[i] - b[i]));
        largest = Math.max(largest, Math.abs(a[i]));
      }
      return new MapAgreement(new PearsonsCorrelation().correlation(a, b), max, largest);
    }
  }

  private static double[] values(List<CamResult> results) {
    return results.stream()
        .flatMapToDouble(
            r -> {
              float[] v = r.cam().values();
              return IntStream.range(0, v.length).mapToDouble(i -> v[i]);
            })
        .toArray();
  }

  private static int[] predicted(int batchSize) {
    int[] targets = new int[batchSize];
    Arrays.fill(targets, Targets.PREDICTED);
    return targets;
  }

  /**
   * Warms both up, then times alternating repeats of each.
   *
   * @return the median units per second of {@code first} and of {@code second}
   */
  private double[] alternate(Runnable first, int firstUnits, Runnable second, int secondUnits) {
    throughput.warmUp(first);
    throughput.warmUp(second);
    double[] a = new double[repeats];
    double[] b = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      a[r] = throughput.repeat(first, firstUnits);
      b[r] = throughput.repeat(second, secondUnits);
    }
    return new double[] {Throughput.median(a), Throughput.median(b)};
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
