package io.camaudit.model;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.Targets;
import io.camaudit.data.Preprocessing;
import java.util.Random;

/**
 * A model ready to explain, with its identity.
 *
 * @param info where it came from and what it is
 * @param model the loaded model
 */
public record LoadedModel(ModelInfo info, CamModel model) implements AutoCloseable {

  /** Its {@code model.json}. */
  public ModelSpec spec() {
    return info.spec();
  }

  /**
   * Runs one image of seeded noise forward and back through the model as an audit batch does, so
   * that a model which cannot explain (no 4-D map at its layer, not one logit per class, no
   * gradient) fails here rather than in every task; then checks the gradient at the layer against
   * finite differences ({@link GradientCheck}), so that a backend computing it wrongly on this
   * machine stops the job instead of producing wrong maps. A model run in a lower {@link Precision}
   * first has its layer output checked against float32 ({@link PrecisionCheck}), for the same
   * reason.
   *
   * @throws UnsupportedPrecisionException when the lower precision's output is wrong, saying by how
   *     much and what to do
   * @throws IllegalStateException when the gradient is wrong, saying by how much and what to do
   * @throws RuntimeException from the engine or the model, saying what went wrong
   */
  public void selfTest() {
    Preprocessing input = spec().input();
    Random random = new Random(SELF_TEST_SEED);
    float[] pixels = new float[input.imageLength()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    InputBatch image = new InputBatch(1, 3, input.height(), input.width(), pixels);
    model.forwardBackward(image, new int[] {Targets.PREDICTED});
    if (model instanceof GradientCamModel gradients) {
      gradients.checkPrecision(image).filter(c -> !c.passed()).ifPresent(this::refuse);
      GradientCheck check = gradients.checkGradient(image);
      if (!check.passed()) {
        throw new IllegalStateException(
            String.format(
                "the gradient of the target score at layer %s is wrong on this machine: %.6g from"
                    + " the backward pass, %.6g by central differences (relative difference %.3f,"
                    + " tolerance %.2f); libtorch's oneDNN does this for small convolutions on some"
                    + " AVX-512 CPUs: set ONEDNN_MAX_CPU_ISA=AVX in the environment of the"
                    + " driver and every executor (docs/models.md, Known platform issues)",
                spec().layer(),
                check.backward(),
                check.finiteDifference(),
                check.relativeError(),
                GradientCheck.TOLERANCE));
      }
    }
  }

  /** Stops the job: the features in the chosen lower precision are wrong on this machine. */
  private void refuse(PrecisionCheck check) {
    String precision = check.precision().optionName();
    throw UnsupportedPrecisionException.onThisMachine(
        check.precision(),
        String.format(
            "the model's %s features disagree with its fp32 features on this machine: correlation"
                + " %.4f, largest difference %.1f%% of the largest activation (limits %.3f and"
                + " %.0f%%); libtorch's oneDNN computes some convolutions wrongly on some AVX-512"
                + " CPUs, in %s or in fp32",
            precision,
            check.correlation(),
            100 * check.largestDifference(),
            PrecisionCheck.MIN_CORRELATION,
            100 * PrecisionCheck.MAX_DIFFERENCE,
            precision));
  }

  /** Seed of the self-test's image. */
  private static final long SELF_TEST_SEED = 20171022L;

  @Override
  public void close() {
    model.close();
  }
}
