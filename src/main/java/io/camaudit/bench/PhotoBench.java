package io.camaudit.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.audit.PerturbationSettings;
import io.camaudit.cam.CamExplainer;
import io.camaudit.cam.CamResult;
import io.camaudit.cam.GradCam;
import io.camaudit.cam.InputBatch;
import io.camaudit.data.DecodeSettings;
import io.camaudit.data.DecodedImage;
import io.camaudit.data.ImageDecoder;
import io.camaudit.data.ImagePreprocessor;
import io.camaudit.data.Preprocessing;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit job on JPEG photographs at the sizes users have ({@link PhotoSet}), ResNet-18
 * TorchScript with ImageNet's centre-crop preprocessing: per-image costs of the stages around the
 * model against the model's, end to end against model-only Grad-CAM, peak memory, and the same
 * photographs through the Python reference pipeline ({@code scripts/bench_reference.py}). Also the
 * CPU cost of preparing a photograph measured alone, and what decoding at reduced DCT scale
 * changes: the model input and the maps, against exact decoding, on the largest photographs.
 */
final class PhotoBench {

  /**
   * One photograph size to run.
   *
   * @param width photograph width
   * @param height photograph height
   * @param count photographs
   */
  record Size(int width, int height, int count) {
    String label() {
      return width + "x" + height;
    }
  }

  /** Measured passes of {@link #prepareAlone}. */
  private static final int PREPARE_PASSES = 3;

  private final Path repo;
  private final Path work;
  private final Path modelDir;
  private final int batchSize;
  private final String device;

  /**
   * @param modelDir the TorchScript ResNet-18's model directory
   * @param device the audit jobs' {@code --device}
   */
  PhotoBench(Path repo, Path work, Path modelDir, int batchSize, String device) {
    this.repo = repo;
    this.work = work;
    this.modelDir = modelDir;
    this.batchSize = batchSize;
    this.device = device;
  }

  /**
   * Runs every size and prints one row each; {@code modelOnly} is model-only Grad-CAM/s.
   *
   * @return the first size's end-to-end images per second
   */
  double run(List<Size> sizes, double modelOnly) throws Exception {
    EndToEnd e2e = new EndToEnd(repo, work);
    System.out.printf(
        "model-only resnet18-torchscript Grad-CAM (section 1): %.1f images/s%n", modelOnly);
    System.out.printf(
        "%-10s %6s %8s %8s %8s %8s %7s %9s %7s %7s %8s %8s %7s%n",
        "photos",
        "n",
        "MB/file",
        "prep ms",
        "wait ms",
        "expl ms",
        "meas ms",
        "(p+m)/e",
        "e2e/s",
        "e2e/mo",
        "RSS MB",
        "python/s",
        "vs py");
    List<Measured> measured = new ArrayList<>();
    for (Size size : sizes) {
      Path manifest =
          PhotoSet.make(
              work.resolve("photos-" + size.label()), size.count(), size.width(), size.height());
      EndToEnd.Run run = e2e.audit("photos-" + size.label(), manifest, "", auditArgs());
      measured.add(new Measured(size, manifest, run));
      double prepare = run.msPerImage("prepare");
      double explain = run.msPerImage("explain");
      double measure = run.msPerImage("measure");
      double python = pythonReference(manifest);
      System.out.printf(
          "%-10s %6d %8.2f %8.2f %8.2f %8.2f %7.2f %9.3f %7.1f %7.3f %8d %8s %7s%n",
          size.label(),
          run.processed(),
          megabytesPerFile(manifest),
          prepare,
          run.msPerImage("prepare_wait"),
          explain,
          measure,
          (prepare + measure) / explain,
          run.imagesPerSecond(),
          run.imagesPerSecond() / modelOnly,
          run.peakRssMb(),
          python > 0 ? String.format("%.1f", python) : "-",
          python > 0 ? String.format("%.2f", run.imagesPerSecond() / python) : "-");
    }
    perturbationCost(e2e, measured);
    lowerPrecisions(e2e, measured);
    System.out.println(
        "columns: ms per image summed over tasks (prep: read+decode+preprocess on the prepare"
            + " threads; wait: the model thread waiting for them), (p+m)/e = (prepare + measure) /"
            + " explain; e2e/mo = end to end over model-only; vs py = end to end over the Python"
            + " reference on the same photographs");
    System.out.println(
        "goals: (p+m)/e <= 0.25 at 640x480, <= 1.0 at 4000x3000; e2e/mo >= 0.75"
            + " at 640x480, >= 0.5 at 12 MP; vs py >= 1.5; RSS <= 1500 MB at 12 MP");
    return measured.get(0).run().imagesPerSecond();
  }

  /** One size's photographs and the table's audit of them. */
  private record Measured(Size size, Path manifest, EndToEnd.Run run) {}

  /** The audit options of every photo run: the TorchScript ResNet-18, the bench's batch, device. */
  private List<String> auditArgs(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--model",
                modelDir.toString(),
                "--batch-size",
                "" + batchSize,
                "--device",
                device));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * What the measurements on perturbed inputs cost (the defaults: CAM multiplication and background
   * reliance with a blurred fill, three perturbed copies of each image of the default share, scored
   * in one more forward pass per batch): explain + measure per image with them, as the table
   * measured, against a run of the same photographs with {@code --perturbation-sample 0}; end to
   * end, the stage times also hold what sharing the cores with the other task's decoding costs
   * ({@link PerturbationCost} measures without it).
   */
  private void perturbationCost(EndToEnd e2e, List<Measured> measured) throws Exception {
    for (Measured m : measured) {
      Size size = m.size();
      EndToEnd.Run with = m.run();
      EndToEnd.Run without =
          e2e.audit(
              "photos-" + size.label() + "-unperturbed",
              m.manifest(),
              "",
              auditArgs("--perturbation-sample", "0"));
      double on = with.msPerImage("explain") + with.msPerImage("measure");
      double off = without.msPerImage("explain") + without.msPerImage("measure");
      System.out.printf(
          "perturbations at %s (default --perturbation-sample %s): explain + measure %.2f ms"
              + " per image with them, %.2f without (--perturbation-sample 0): +%.0f%%; end to"
              + " end %.1f vs %.1f images/s%n",
          size.label(),
          PerturbationSettings.DEFAULT_SAMPLE,
          on,
          off,
          100 * (on / off - 1),
          with.imagesPerSecond(),
          without.imagesPerSecond());
    }
  }

  /**
   * The same photographs audited with the features in bf16 (and fp16 on a GPU, where it pays):
   * explain time and end-to-end rate against the table's fp32 runs.
   */
  private void lowerPrecisions(EndToEnd e2e, List<Measured> measured) throws Exception {
    List<Precision> precisions =
        device.equals("gpu") ? List.of(Precision.BF16, Precision.FP16) : List.of(Precision.BF16);
    for (Precision precision : precisions) {
      for (Measured m : measured) {
        String label = m.size().label();
        EndToEnd.Run low;
        try {
          low =
              e2e.audit(
                  "photos-" + label + "-" + precision.optionName(),
                  m.manifest(),
                  "",
                  auditArgs("--precision", precision.optionName()));
        } catch (IllegalStateException e) {
          // The model's self-test refuses a precision this machine computes wrongly.
          System.out.printf(
              "--precision %s at %s: not measured, %s%n",
              precision.optionName(), label, e.getMessage());
          break;
        }
        System.out.printf(
            "--precision %s at %s: explain %.2f ms per image against %.2f in fp32; end to end"
                + " %.1f vs %.1f images/s%n",
            precision.optionName(),
            label,
            low.msPerImage("explain"),
            m.run().msPerImage("explain"),
            low.imagesPerSecond(),
            m.run().imagesPerSecond());
      }
    }
  }

  /**
   * What DCT-scaled decoding changes against exact decoding on up to {@code count} photographs of
   * {@code size}: the largest absolute difference of the normalised model input, and of the
   * Grad-CAM maps relative to each map's maximum.
   */
  void decodingDifference(LoadedModel model, Size size, int count) throws Exception {
    Preprocessing spec = model.spec().input();
    ImagePreprocessor preprocessor = new ImagePreprocessor(spec);
    ImageDecoder reduced = new ImageDecoder(DecodeSettings.defaults());
    ImageDecoder exact =
        new ImageDecoder(
            new DecodeSettings(
                DecodeSettings.DEFAULT_MAX_FILE_BYTES, DecodeSettings.DEFAULT_MAX_PIXELS, true));
    CamExplainer explainer = new CamExplainer(model.model(), new GradCam());
    double inputMax = 0;
    double inputMean = 0;
    double mapMax = 0;
    List<byte[]> photographs = photographs(size, count);
    for (byte[] bytes : photographs) {
      float[] a = new float[spec.imageLength()];
      float[] b = new float[spec.imageLength()];
      preprocessor.preprocess(reduced.decode(bytes, spec), a, 0);
      preprocessor.preprocess(exact.decode(bytes, spec), b, 0);
      double sum = 0;
      for (int i = 0; i < a.length; i++) {
        double d = Math.abs(a[i] - b[i]);
        inputMax = Math.max(inputMax, d);
        sum += d;
      }
      inputMean += sum / a.length;
      float[] both = new float[2 * a.length];
      System.arraycopy(a, 0, both, 0, a.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      List<CamResult> maps =
          explainer.explain(
              new InputBatch(2, 3, spec.height(), spec.width(), both), new int[] {0, 0});
      float[] ma = maps.get(0).cam().values();
      float[] mb = maps.get(1).cam().values();
      float scale = Math.max(maps.get(1).cam().max(), 1e-12f);
      for (int i = 0; i < ma.length; i++) {
        mapMax = Math.max(mapMax, Math.abs(ma[i] - mb[i]) / scale);
      }
    }
    int n = photographs.size();
    System.out.printf(
        "%d photographs of %s, reduced vs exact decoding: normalised input max |diff|"
            + " %.3f, mean |diff| %.4f; Grad-CAM map max |diff| / map max %.4f%n",
        n, size.label(), inputMax, inputMean / Math.max(n, 1), mapMax);
  }

  /**
   * The CPU cost of preparing one photograph of {@code size} for {@code spec}, measured alone in
   * this thread on up to {@code count} photographs held in memory: decoding, then preprocessing, ms
   * per image, the median of three passes after one unmeasured pass. The job's prepare column adds
   * the file read and what sharing the cores with the model and Spark costs.
   */
  void prepareAlone(Preprocessing spec, Size size, int count) throws Exception {
    List<byte[]> photographs = photographs(size, count);
    ImageDecoder decoder = new ImageDecoder(DecodeSettings.defaults());
    ImagePreprocessor preprocessor = new ImagePreprocessor(spec);
    float[] input = new float[spec.imageLength()];
    double[] decode = new double[PREPARE_PASSES];
    double[] preprocess = new double[PREPARE_PASSES];
    for (int pass = -1; pass < PREPARE_PASSES; pass++) {
      long decoding = 0;
      long preprocessing = 0;
      for (byte[] bytes : photographs) {
        long start = System.nanoTime();
        DecodedImage image = decoder.decode(bytes, spec);
        long decoded = System.nanoTime();
        preprocessor.preprocess(image, input, 0);
        preprocessing += System.nanoTime() - decoded;
        decoding += decoded - start;
      }
      if (pass >= 0) {
        decode[pass] = decoding / 1e6 / photographs.size();
        preprocess[pass] = preprocessing / 1e6 / photographs.size();
      }
    }
    double d = Throughput.median(decode);
    double p = Throughput.median(preprocess);
    System.out.printf(
        "%d photographs of %s prepared alone in one thread: decode %.2f ms + preprocess %.2f ms"
            + " = %.2f ms per image (median of %d passes)%n",
        photographs.size(), size.label(), d, p, d + p, PREPARE_PASSES);
  }

  /** The bytes of the first {@code count} photographs of {@code size}. */
  private List<byte[]> photographs(Size size, int count) throws IOException {
    Path dir = work.resolve("photos-" + size.label());
    List<byte[]> photographs = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"))) {
      if (photographs.size() == count) {
        break;
      }
      JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
      photographs.add(Files.readAllBytes(dir.resolve(entry.get("path").getAsString())));
    }
    return photographs;
  }

  /** The Python reference's images/s on the photographs, or -1 without torch. */
  private double pythonReference(Path manifest) throws Exception {
    if (!BenchModels.pythonHasTorch()) {
      return -1;
    }
    Path log = manifest.resolveSibling("python-reference.json");
    JsonObject result =
        BenchModels.pythonJson(
            log,
            List.of(
                repo.resolve("scripts/bench_reference.py").toString(),
                manifest.toString(),
                "--threads",
                "" + Runtime.getRuntime().availableProcessors(),
                "--batch-size",
                "" + batchSize));
    if (result == null) {
      System.out.println("python reference failed, see " + log);
      return -1;
    }
    System.out.println("  python reference, " + manifest.getParent().getFileName() + ": " + result);
    return result.get("images_per_second").getAsDouble();
  }

  private static double megabytesPerFile(Path manifest) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      files.add(
          manifest.resolveSibling(
              JsonParser.parseString(line).getAsJsonObject().get("path").getAsString()));
    }
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    return bytes / 1e6 / Math.max(1, files.size());
  }
}
