package io.camaudit.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.audit.AuditInput;
import io.camaudit.audit.ImageAuditor;
import io.camaudit.audit.MeasureSettings;
import io.camaudit.audit.PerturbationSettings;
import io.camaudit.audit.StageTimes;
import io.camaudit.audit.TargetSelection;
import io.camaudit.data.DecodeSettings;
import io.camaudit.image.Box;
import io.camaudit.model.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the measurements on perturbed inputs cost on their own: the photographs audited in this JVM
 * by one {@link ImageAuditor} that prepares a batch only while the model is idle, with the default
 * perturbations and without them, in alternating passes. In the job, explain time also holds what
 * sharing the cores with the other tasks' decoding costs, which grows with the photographs' size
 * while the extra forward passes do not (they run on the model input).
 */
final class PerturbationCost {

  /** Measured passes per setting, after one unmeasured pass of each. */
  private static final int PASSES = 3;

  private static final String METHOD = "gradcam";

  private final LoadedModel model;
  private final int batchSize;

  /**
   * @param model the model audited, with the intra-op threads it runs with
   * @param batchSize images per model call
   */
  PerturbationCost(LoadedModel model, int batchSize) {
    this.model = model;
    this.batchSize = batchSize;
  }

  /**
   * Prints explain + measure per image with the defaults and with {@code --perturbation-sample 0}
   * on the first {@code count} photographs of {@code manifest} (medians of {@link #PASSES}), the
   * share of them the sample holds, and the cost as measured and scaled to the default share.
   */
  void print(String label, Path manifest, int count) throws IOException {
    List<AuditInput> inputs = inputs(manifest, count);
    PerturbationSettings defaults = PerturbationSettings.defaults();
    MeasureSettings with = MeasureSettings.defaults();
    MeasureSettings without =
        withPerturbation(with, new PerturbationSettings(defaults.occlusionFill(), 0, 0));
    double[] on = new double[PASSES];
    double[] off = new double[PASSES];
    for (int pass = -1; pass < PASSES; pass++) {
      double a = explainAndMeasureMs(inputs, manifest.getParent(), with);
      double b = explainAndMeasureMs(inputs, manifest.getParent(), without);
      if (pass >= 0) {
        on[pass] = a;
        off[pass] = b;
      }
    }
    long sampled = inputs.stream().filter(i -> defaults.samples(i.imageId())).count();
    double share = sampled / (double) inputs.size();
    double withMs = Throughput.median(on);
    double withoutMs = Throughput.median(off);
    double cost = withMs / withoutMs - 1;
    System.out.printf(
        "perturbations at %s measured alone (one auditor, preparing apart from the model, median"
            + " of %d passes): explain + measure %.2f ms per image with the defaults, %.2f without:"
            + " +%.0f%% with %d of %d photographs sampled (%.1f%%), +%.0f%% scaled to the default"
            + " share %.0f%% (goal <= +60%%)%n",
        label,
        PASSES,
        withMs,
        withoutMs,
        100 * cost,
        sampled,
        inputs.size(),
        100 * share,
        100 * cost * defaults.sample() / Math.max(share, 1e-9),
        100 * defaults.sample());
  }

  /** One audit of {@code inputs}: explain + measure, ms per image. */
  private double explainAndMeasureMs(List<AuditInput> inputs, Path root, MeasureSettings measures) {
    try (ImageAuditor auditor =
        ImageAuditor.of(
            model,
            METHOD,
            TargetSelection.LABEL,
            DecodeSettings.defaults(),
            path -> Files.readAllBytes(root.resolve(path)),
            batchSize,
            1,
            0,
            measures)) {
      auditor
          .audit(inputs.iterator(), AuditInput::imageId, input -> input)
          .forEachRemaining(o -> {});
      StageTimes times = auditor.times();
      return (times.explainNanos() + times.measureNanos()) / 1e6 / inputs.size();
    }
  }

  private static MeasureSettings withPerturbation(MeasureSettings m, PerturbationSettings p) {
    return new MeasureSettings(
        m.taus(),
        m.pointingTolerance(),
        m.heatmapPng(),
        m.gridCap(),
        m.localisation(),
        m.overlay(),
        p);
  }

  /** The first {@code count} entries of a photo manifest ({@link PhotoSet}). */
  private static List<AuditInput> inputs(Path manifest, int count) throws IOException {
    List<AuditInput> inputs = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      if (inputs.size() == count) {
        break;
      }
      JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
      List<Box> boxes = new ArrayList<>();
      for (JsonElement element : entry.getAsJsonArray("boxes")) {
        JsonObject box = element.getAsJsonObject();
        boxes.add(
            new Box(
                box.get("x0").getAsDouble(),
                box.get("y0").getAsDouble(),
                box.get("x1").getAsDouble(),
                box.get("y1").getAsDouble(),
                box.get("label").getAsString()));
      }
      inputs.add(
          new AuditInput(
              entry.get("image_id").getAsString(),
              entry.get("path").getAsString(),
              entry.get("label").getAsString(),
              boxes));
    }
    return inputs;
  }
}
