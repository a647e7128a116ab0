package io.camaudit.bench;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * PyTorch eager in Python on the same model, batch and threads as section 1 ({@code
 * scripts/bench_reference.py --model-only}), run right after the project's rows, and the project's
 * TorchScript ResNet-18 against it: plain inference, the head-only Grad-CAM, pytorch-grad-cam's
 * GradCAM, and the first two with the model in channels-last memory format.
 */
final class EagerReference {

  private final Path repo;
  private final Path work;

  EagerReference(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  /**
   * Runs the reference and prints each of its figures with the project's figure over it.
   *
   * @param project the project's TorchScript ResNet-18 row of section 1
   */
  void compare(ModelBench.Result project, int batchSize, int threads, int repeats)
      throws Exception {
    if (!BenchModels.pythonHasTorch()) {
      System.out.println(
          "PyTorch eager: skipped, /usr/bin/python3 lacks torch/torchvision"
              + " (apt-get install python3-torch python3-torchvision)");
      return;
    }
    Path log = work.resolve("eager-reference.log");
    JsonObject result =
        BenchModels.pythonJson(
            log,
            List.of(
                repo.resolve("scripts/bench_reference.py").toString(),
                "--model-only",
                "--threads",
                "" + threads,
                "--batch-size",
                "" + batchSize,
                "--repeats",
                "" + repeats));
    if (result == null) {
      System.out.println("PyTorch eager reference failed, see " + log);
      return;
    }
    JsonObject rates = result.getAsJsonObject("images_per_second");
    System.out.printf(
        "PyTorch eager (torch %s, %d threads, batch %d, ResNet-18, seeded weights; Grad-CAM of"
            + " pytorch-grad-cam: %s), images/s, and resnet18-torchscript over each:%n",
        result.get("torch").getAsString(),
        result.get("threads").getAsInt(),
        result.get("batch_size").getAsInt(),
        result.get("grad_cam").getAsString());
    System.out.printf("%-36s %10s %12s %8s%n", "reference", "images/s", "project/ref", "goal");
    line(rates, "inference", project.inferencePerSecond(), ">= 1");
    line(rates, "head_only_grad_cam", project.gradCamPerSecond(), ">= 1.1");
    line(rates, "pytorch_grad_cam", project.gradCamPerSecond(), ">= 3");
    line(rates, "channels_last_inference", project.inferencePerSecond(), "");
    line(rates, "channels_last_head_only_grad_cam", project.gradCamPerSecond(), "");
  }

  private static void line(JsonObject rates, String mode, double project, String goal) {
    double reference = rates.get(mode).getAsDouble();
    System.out.printf("%-36s %10.1f %12.2f %8s%n", mode, reference, project / reference, goal);
  }
}
