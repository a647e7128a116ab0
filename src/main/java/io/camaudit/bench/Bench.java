package io.camaudit.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.Precision;
import io.camaudit.model.TorchEngine;
import io.camaudit.model.TorchThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The performance benchmark of issue 5, run by {@code scripts/bench}: plain inference against
 * Grad-CAM per model (a ViT-B/16 too, section {@code vit}), batch-size and thread sweeps on
 * ResNet-18, the audit job end to end against the model alone, and output bytes per image. Prints
 * one report to standard output.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Inference vs Grad-CAM throughput, sweeps, and the audit job end to end.")
public final class Bench implements Callable<Integer> {

  @Option(names = "--repo", defaultValue = ".", description = "Project root (runs jobs/audit).")
  Path repo;

  @Option(names = "--work", defaultValue = "target/bench", description = "Work folder.")
  Path work;

  @Option(
      names = "--torchscript",
      description =
          "TorchScript ResNet-18 split at layer4 as scripts/export_torchscript.py exports it by"
              + " default (frozen, channels-last), if any.")
  Path torchScript;

  @Option(
      names = "--torchscript-as-scripted",
      description =
          "The same ResNet-18 exported with --no-freeze --memory-format contiguous, if any: a row"
              + " of its own and its maps against the default export's.")
  Path torchScriptAsScripted;

  @Option(names = "--batch-size", defaultValue = "16", description = "Batch of the comparison.")
  int batchSize;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description =
          "cpu, or gpu to run the models and the audit jobs on the first GPU (CUDA"
              + " natives through PYTORCH_LIBRARY_PATH, see docs/deployment.md).")
  String device;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Intra-op threads of the comparison.")
  int threads;

  @Option(
      names = "--vit-batch-size",
      defaultValue = "8",
      description = "Batch of the vit section (ViT-B/16 costs about 17 GFLOPs per image).")
  int vitBatchSize;

  @Option(
      names = "--vit-repeats",
      defaultValue = "5",
      description = "Timed repeats per mode of the vit section (each is about one batch).")
  int vitRepeats;

  @Option(names = "--warm-up-seconds", defaultValue = "1.5")
  double warmUpSeconds;

  @Option(names = "--repeat-seconds", defaultValue = "1.0")
  double repeatSeconds;

  @Option(names = "--repeats", defaultValue = "3")
  int repeats;

  @Option(names = "--sweep-batches", split = ",", defaultValue = "1,4,8,16,32")
  int[] sweepBatches;

  @Option(names = "--sweep-threads", split = ",", defaultValue = "1,2")
  int[] sweepThreads;

  @Option(names = "--e2e-images", defaultValue = "600", description = "Demo images audited.")
  int e2eImages;

  @Option(names = "--e2e-partitions", defaultValue = "4")
  int e2ePartitions;

  @Option(
      names = "--e2e-resnet-images",
      defaultValue = "3000",
      description = "Demo images audited end to end with ResNet-18.")
  int resnetImages;

  @Option(
      names = "--e2e-threads",
      split = ",",
      defaultValue = "0,1",
      description = "Intra-op threads of each end-to-end run; 0 = the job's default.")
  int[] e2eThreads;

  @Option(
      names = "--photos-small",
      defaultValue = "3000",
      description = "JPEG photographs of 640x480 audited with ResNet-18 TorchScript.")
  int photosSmall;

  @Option(
      names = "--photos-large",
      defaultValue = "60",
      description = "JPEG photographs of 4000x3000 audited with ResNet-18 TorchScript.")
  int photosLarge;

  @Option(
      names = "--cluster-images",
      defaultValue = "1200",
      description = "Photographs of the scale-out section.")
  int clusterImages;

  @Option(
      names = "--slice-images",
      defaultValue = "100000",
      description = "Synthetic explained rows of the slices section.")
  int sliceImages;

  @Option(
      names = "--slice-classes",
      split = ",",
      defaultValue = "10,1000",
      description = "Class counts of the slices section.")
  int[] sliceClasses;

  @Option(
      names = "--sections",
      split = ",",
      defaultValue = "models,vit,e2e,photos,cluster,slices,tables",
      description =
          "Sections to run besides the model-only rows: models (the sweep), vit (ViT-B/16"
              + " TorchScript, inference vs Grad-CAM; needs torch in /usr/bin/python3 for the"
              + " export), e2e (demo and ResNet-18 end to end, bytes), photos (real photographs),"
              + " cluster (scale-out on the local standalone cluster; needs photos), slices (slice"
              + " discovery on synthetic signatures, as a share of a photos run), tables (a run's"
              + " commit as Parquet folders and as Iceberg tables).")
  List<String> sections;

  /** Photographs of each size whose perturbation cost is measured in this JVM. */
  private static final int PERTURBATION_PHOTOS = 400;

  @Option(
      names = "--store-images",
      defaultValue = "10000",
      description = "Synthetic images of the tables section.")
  int storeImages;

  /** Section 6's end-to-end rate at 640x480, NaN when it did not run. */
  private double photosPerSecond = Double.NaN;

  /** Runs the benchmark. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Engine engine = TorchEngine.get();
    int defaultThreads = TorchThreads.intraOpThreads();
    printMachine(engine, defaultThreads);
    ModelBench bench = new ModelBench(new Throughput(warmUpSeconds, repeatSeconds), repeats);

    section(
        String.format(
            "1. model only: plain inference vs Grad-CAM (batch %d, %d intra-op"
                + " threads, one calling thread)",
            batchSize, threads));
    printRowHeader();
    ModelBench.Result demo;
    ModelBench.Result resnetRow;
    ModelBench.Result scriptedRow = null;
    Device target = device.equals("gpu") ? Device.gpu() : Device.cpu();
    try (LoadedModel resnet = BenchModels.resnet18Blocks(work, target)) {
      resnetRow = row(bench, resnet, batchSize);
      if (torchScript != null) {
        try (LoadedModel scripted = BenchModels.resnet18TorchScript(torchScript, target)) {
          scriptedRow = row(bench, scripted, batchSize);
          if (torchScriptAsScripted != null) {
            try (LoadedModel plain =
                BenchModels.resnet18TorchScript(torchScriptAsScripted, target)) {
              variant(bench, plain, scripted, "resnet18-ts-scripted", "the default export");
            }
          }
          for (Precision precision : List.of(Precision.BF16, Precision.FP16)) {
            lowerPrecision(bench, scripted, precision, target);
          }
          if (!device.equals("gpu")) {
            new EagerReference(repo, work).compare(scriptedRow, batchSize, threads, repeats);
          }
          if (sections.contains("photos") || sections.contains("cluster")) {
            photos(scripted, scriptedRow.gradCamPerSecond());
          }
        }
      } else {
        System.out.println("resnet18-torchscript   (skipped: no TorchScript file)");
      }
      try (LoadedModel demoCnn = BenchModels.demoCnn()) {
        demo = row(bench, demoCnn, batchSize);
      }
      System.out.println("goal: Grad-CAM/inference >= 0.9");
      if (sections.contains("models")) {
        topK(bench, resnet);
        sweep(bench, resnet);
      }
    }
    if (sections.contains("vit")) {
      vit(new ModelBench(new Throughput(warmUpSeconds, repeatSeconds), vitRepeats), target);
    }
    TorchThreads.useIntraOpThreads(defaultThreads);
    if (sections.contains("e2e")) {
      endToEnd(demo.gradCamPerSecond());
      resnetEndToEnd(resnetRow.gradCamPerSecond());
    }
    if (sections.contains("slices")) {
      section(
          String.format(
              "8. slice discovery: %d synthetic explained images, ResNet-18-sized signatures,"
                  + " Spark local[*] in this JVM",
              sliceImages));
      new SliceBench(work).run(sliceImages, sliceClasses, photosPerSecond);
    }
    if (sections.contains("tables")) {
      section(
          String.format(
              "9. committing a run: %d synthetic images' tables, Parquet folders against Iceberg"
                  + " tables (Hadoop catalog, local files), the same run id re-run, Spark local[*]"
                  + " in this JVM",
              storeImages));
      new StoreBench(work).run(storeImages, repeats);
    }
    System.out.println();
    System.out.println("load average at the end: " + Allocator.loadAverage());
    return 0;
  }

  /** The export as scripted: its row, and its maps against the default export's. */
  /** The TorchScript ResNet-18's features in {@code precision}, when the export has them. */
  private void lowerPrecision(
      ModelBench bench, LoadedModel exported, Precision precision, Device target)
      throws IOException {
    String label = "resnet18-ts-" + precision.optionName();
    try (LoadedModel low = BenchModels.resnet18TorchScript(torchScript, target, precision)) {
      variant(bench, low, exported, label, "fp32");
    } catch (IllegalArgumentException e) {
      System.out.println(label + ": skipped, " + e.getMessage());
    }
  }

  /** A row for {@code variant}, and its maps against {@code reference}'s. */
  private void variant(
      ModelBench bench, LoadedModel variant, LoadedModel reference, String label, String against) {
    row(bench, variant, label, batchSize);
    ModelBench.MapAgreement agreement = bench.mapAgreement(reference, variant, batchSize);
    System.out.printf(
        "  maps of %s against %s, %d images, predicted class: r = %.7f, max |difference| %.3g"
            + " (largest value %.3g)%n",
        label,
        against,
        batchSize,
        agreement.pearson(),
        agreement.maxDifference(),
        agreement.largest());
  }

  /** Several classes per image from one forward pass against one class per image. */
  private void topK(ModelBench bench, LoadedModel model) {
    section(
        String.format(
            "1c. several classes per image (--targets top-k:K): %s, batch %d, %d intra-op"
                + " threads",
            model.spec().name(), batchSize, threads));
    System.out.printf(
        "%4s %22s %16s %14s%n", "K", "single-target images/s", "top-K pairs/s", "pairs/images");
    for (int k : new int[] {3, 5}) {
      ModelBench.TopKResult r = bench.measureTopK(model, batchSize, threads, k);
      System.out.printf(
          "%4d %22.1f %16.1f %14.2f%n", k, r.singlePerSecond(), r.pairsPerSecond(), r.ratio());
    }
  }

  /** Section 1b: ViT-B/16 as TorchScript, plain inference vs Grad-CAM. */
  private void vit(ModelBench bench, Device target) throws Exception {
    section(
        String.format(
            "1b. vision transformer: vit_b_16 TorchScript (seeded weights, cut at %s),"
                + " plain inference vs Grad-CAM (batch %d, %d intra-op threads, %d repeats)",
            BenchModels.VIT_LAYER, vitBatchSize, threads, vitRepeats));
    LoadedModel vit = BenchModels.vitB16TorchScript(repo, work, target);
    if (vit == null) {
      System.out.println(
          "vit_b_16: skipped, /usr/bin/python3 lacks torch/torchvision to export it"
              + " (apt-get install python3-torch python3-torchvision)");
      return;
    }
    try (vit) {
      printRowHeader();
      row(bench, vit, vitBatchSize);
      System.out.println("goal: Grad-CAM/inference >= 0.9");
    }
  }

  /** Section 6: real photographs end to end, and what reduced-scale decoding changes. */
  private void photos(LoadedModel scripted, double modelOnly) throws Exception {
    if (!PhotoSet.available()) {
      System.out.println(
          "photos: skipped, the photographs of python3-skimage and python3-sklearn"
              + " are not installed (apt-get install python3-skimage python3-sklearn)");
      return;
    }
    List<PhotoBench.Size> sizes =
        List.of(
            new PhotoBench.Size(640, 480, photosSmall),
            new PhotoBench.Size(4000, 3000, photosLarge));
    if (sections.contains("photos")) {
      PhotoBench photos =
          new PhotoBench(repo, work, torchScript.toAbsolutePath().getParent(), batchSize, device);
      section(
          String.format(
              "6. real photographs: jobs/audit, Spark local[*],"
                  + " resnet18-torchscript 224 centre crop, --batch-size %d, default partitions and"
                  + " threads",
              batchSize));
      photosPerSecond = photos.run(sizes, modelOnly);
      PerturbationCost perturbations = new PerturbationCost(scripted, batchSize);
      for (PhotoBench.Size size : sizes) {
        perturbations.print(
            size.label(),
            work.resolve("photos-" + size.label()).resolve("manifest.jsonl"),
            Math.min(PERTURBATION_PHOTOS, size.count()));
      }
      photos.prepareAlone(scripted.spec().input(), sizes.get(0), Math.min(300, photosSmall));
      photos.prepareAlone(scripted.spec().input(), sizes.get(1), Math.min(60, photosLarge));
      photos.decodingDifference(scripted, sizes.get(1), Math.min(20, photosLarge));
      photos.decodingDifference(scripted, sizes.get(0), 20);
    }
    if (sections.contains("cluster")) {
      PhotoSet.make(work.resolve("photos-640x480"), photosSmall, 640, 480);
      section(
          String.format(
              "7. scale-out: the first %d photographs of 640x480 through"
                  + " spark-submit on scripts/local-cluster, one worker of one core vs two",
              clusterImages));
      Path manifest = EndToEnd.subset(work.resolve("photos-640x480/manifest.jsonl"), clusterImages);
      new ClusterBench(repo, work, torchScript.toAbsolutePath().getParent()).run(manifest);
    }
  }

  private void printMachine(Engine engine, int defaultThreads) {
    section("machine");
    System.out.printf(
        "cores (JVM): %d; JVM: %s %s; OS: %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    System.out.printf(
        "engine: %s %s (DJL %s); default intra-op threads %d, inter-op %d%n",
        engine.getEngineName(),
        engine.getVersion(),
        Engine.getDjlVersion(),
        defaultThreads,
        TorchThreads.interOpThreads());
    System.out.println("allocator: " + Allocator.describe());
    System.out.println(
        "load average at the start (other processes skew every figure): "
            + Allocator.loadAverage());
    System.out.printf(
        "timing: warm-up %.1f s per mode, then %d alternating repeats of >= %.1f s"
            + " per mode; median repeat reported%n",
        warmUpSeconds, repeats, repeatSeconds);
  }

  private static void printRowHeader() {
    System.out.printf(
        "%-22s %-8s %14s %14s %7s%n", "model", "input", "inference/s", "Grad-CAM/s", "ratio");
  }

  private ModelBench.Result row(ModelBench bench, LoadedModel model, int batch) {
    return row(bench, model, model.spec().name(), batch);
  }

  private ModelBench.Result row(ModelBench bench, LoadedModel model, String label, int batch) {
    ModelBench.Result r = bench.measure(model, batch, threads);
    var input = model.spec().input();
    System.out.printf(
        "%-22s %-8s %14.1f %14.1f %7.3f%n",
        label,
        input.width() + "x" + input.height(),
        r.inferencePerSecond(),
        r.gradCamPerSecond(),
        r.ratio());
    return r;
  }

  private void sweep(ModelBench bench, LoadedModel model) {
    section("sweep: " + model.spec().name() + ", batch size x intra-op threads");
    System.out.printf(
        "%6s %8s %14s %14s %7s%n", "batch", "threads", "inference/s", "Grad-CAM/s", "ratio");
    for (int t : sweepThreads) {
      for (int b : sweepBatches) {
        ModelBench.Result r = bench.measure(model, b, t);
        System.out.printf(
            "%6d %8d %14.1f %14.1f %7.3f%n",
            b, t, r.inferencePerSecond(), r.gradCamPerSecond(), r.ratio());
      }
    }
  }

  private void endToEnd(double modelOnly) throws Exception {
    EndToEnd e2e = new EndToEnd(repo, work);
    Path manifest = e2e.dataset(e2eImages);
    section(
        String.format(
            "2./3. end to end: jobs/audit, Spark local[*], demo-cnn, %d demo images,"
                + " --batch-size %d --partitions %d",
            e2eImages, batchSize, e2ePartitions));
    System.out.printf("model-only demo-cnn Grad-CAM (above): %.1f images/s%n", modelOnly);
    EndToEnd.Run first = null;
    for (int t : e2eThreads) {
      String label = t == 0 ? "threads-default" : "threads-" + t;
      String opts = t == 0 ? "" : "-Dai.djl.pytorch.num_threads=" + t;
      EndToEnd.Run run =
          e2e.audit(
              label,
              manifest,
              opts,
              List.of(
                  "--group-cols",
                  "source",
                  "--batch-size",
                  "" + batchSize,
                  "--partitions",
                  "" + e2ePartitions));
      printRun(label, run, modelOnly);
      first = first == null ? run : first;
    }
    printBytes(first);
  }

  /**
   * ResNet-18 (the DJL-block model directory written above) on the demo images without labels (its
   * 1000 classes know no shapes: each image explains its predicted class), resized to 224.
   */
  private void resnetEndToEnd(double modelOnly) throws Exception {
    EndToEnd e2e = new EndToEnd(repo, work);
    Path manifest = e2e.unlabelled(e2e.dataset(resnetImages));
    section(
        String.format(
            "2b. end to end: jobs/audit, Spark local[*], resnet18-djl at 224x224,"
                + " %d unlabelled demo images, --batch-size %d --partitions %d",
            resnetImages, batchSize, e2ePartitions));
    System.out.printf("model-only resnet18-djl Grad-CAM (above): %.1f images/s%n", modelOnly);
    EndToEnd.Run run =
        e2e.audit(
            "resnet18",
            manifest,
            "",
            List.of(
                "--group-cols",
                "source",
                "--model",
                work.resolve(BenchModels.RESNET_DIR).toString(),
                "--batch-size",
                "" + batchSize,
                "--partitions",
                "" + e2ePartitions));
    printRun("resnet18", run, modelOnly);
  }

  private static void printRun(String label, EndToEnd.Run run, double modelOnly) {
    JsonObject s = run.summary();
    double seconds = s.get("seconds").getAsDouble();
    long n = run.processed();
    System.out.printf(
        "[%s] %d processed in %.1f s: %.1f images/s; end-to-end/model-only = %.3f"
            + " (goal >= 0.8)%n",
        label, n, seconds, run.imagesPerSecond(), run.imagesPerSecond() / modelOnly);
    System.out.printf(
        "  time to first batch %.1f s; model loads %d; executors %s; log %s%n",
        s.get("first_batch_seconds").getAsDouble(),
        s.get("model_loads").getAsLong(),
        s.get("executors"),
        run.log());
    List<String> stages = new ArrayList<>();
    double taskTotal = 0;
    for (Map.Entry<String, com.google.gson.JsonElement> e :
        s.getAsJsonObject("task_seconds").entrySet()) {
      double v = e.getValue().getAsDouble();
      taskTotal += v;
      stages.add(String.format("%s %.1f s (%.2f ms/img)", e.getKey(), v, 1000 * v / n));
    }
    System.out.printf(
        "  task time, summed over tasks: %s; total %.1f s of %.1f s wall%n",
        String.join(", ", stages), taskTotal, seconds);
    System.out.printf(
        "  audit pipeline alone: %.1f images/s per task thread; the other %.1f s of"
            + " wall time are Spark and the job's fixed costs%n",
        n / taskTotal, seconds - taskTotal / Runtime.getRuntime().availableProcessors());
  }

  private static void printBytes(EndToEnd.Run run) {
    section("5. output bytes per processed image (" + run.processed() + " images)");
    long total = 0;
    for (Map.Entry<String, Long> e : run.bytesPerTable().entrySet()) {
      total += e.getValue();
      System.out.printf(
          "%-20s %12d bytes %10.1f bytes/image%n",
          e.getKey(), e.getValue(), (double) e.getValue() / run.processed());
    }
    System.out.printf(
        "%-20s %12d bytes %10.1f bytes/image%n",
        "all tables", total, (double) total / run.processed());
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
