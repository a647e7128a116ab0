package io.camaudit.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.camaudit.cam.Head;
import io.camaudit.data.Preprocessing;
import io.camaudit.model.Architectures;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelFormat;
import io.camaudit.model.ModelLoader;
import io.camaudit.model.ModelLocator;
import io.camaudit.model.ModelSpec;
import io.camaudit.model.Precision;
import io.camaudit.model.TokenLayout;
import io.camaudit.model.TorchEngine;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The models benchmarked, loaded through {@link ModelLoader} like the audit job loads them:
 * ResNet-18 as DJL blocks with seeded random weights, ResNet-18 and ViT-B/16 as TorchScript
 * (exported by {@code scripts/export_torchscript.py}), and the shipped demo CNN.
 */
final class BenchModels {

  /** ImageNet's class count, as torchvision's ResNet-18 has. */
  static final int RESNET_CLASSES = 1000;

  /** The ResNet-18 model directory under the bench's work folder. */
  static final String RESNET_DIR = "resnet18-djl";

  /** The ViT-B/16 model directory under the bench's work folder. */
  static final String VIT_DIR = "vit_b_16-torchscript";

  /** ViT-B/16's target layer: the last block's first LayerNorm (docs/torchscript.md). */
  static final String VIT_LAYER = "encoder.layers.encoder_layer_11.ln_1";

  private static final long SEED = 0;

  private BenchModels() {}

  /** The Python that has torch and torchvision, when the machine has them (Debian's). */
  static final String PYTHON = "/usr/bin/python3";

  /** Whether {@link #PYTHON} can import torch and torchvision. */
  static boolean pythonHasTorch() throws java.io.IOException, InterruptedException {
    return Files.isExecutable(Path.of(PYTHON))
        && new ProcessBuilder(PYTHON, "-c", "import torch, torchvision").start().waitFor() == 0;
  }

  /**
   * Runs {@link #PYTHON} with {@code arguments}, its output to {@code log}, and reads the JSON
   * object on the output's last line.
   *
   * @return the object, or null when the process failed
   */
  static JsonObject pythonJson(Path log, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PYTHON);
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (process.waitFor() != 0) {
      return null;
    }
    List<String> lines = Files.readAllLines(log);
    return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
  }

  /** The shipped demo CNN. */
  static LoadedModel demoCnn() {
    String location = ModelLocator.DEMO_MODEL;
    return ModelLoader.load(location, ModelLocator.local().localDirectory(location));
  }

  /**
   * ResNet-18 as DJL blocks with seeded random weights, written to a model directory in {@code
   * work}.
   */
  static LoadedModel resnet18Blocks(Path work, Device device) throws IOException {
    Path dir = Files.createDirectories(work.resolve(RESNET_DIR));
    ModelSpec spec =
        spec(
            "resnet18-djl",
            ModelFormat.DJL_BLOCK,
            "resnet18",
            "resnet18.params",
            Architectures.RESNET18_LAYER);
    Engine engine = TorchEngine.get();
    engine.setRandomSeed((int) SEED);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME);
        OutputStream out = Files.newOutputStream(dir.resolve(spec.weights()))) {
      SequentialBlock block = Architectures.resnet18(RESNET_CLASSES);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      block.saveParameters(new DataOutputStream(out));
    }
    Files.writeString(dir.resolve(ModelSpec.FILE_NAME), spec.toJson());
    return ModelLoader.load(dir.toString(), dir, device);
  }

  /**
   * ResNet-18 from a TorchScript file split at {@code layer4}, named {@code resnet18-torchscript};
   * its {@code model.json} is written beside it.
   */
  static LoadedModel resnet18TorchScript(Path file, Device device) throws IOException {
    return resnet18TorchScript(file, device, Precision.FP32);
  }

  /**
   * Like {@link #resnet18TorchScript(Path, Device)}, its features computing in {@code precision}.
   */
  static LoadedModel resnet18TorchScript(Path file, Device device, Precision precision)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    ModelSpec spec =
        spec(
            "resnet18-torchscript",
            ModelFormat.TORCHSCRIPT,
            null,
            file.getFileName().toString(),
            "layer4");
    Files.writeString(dir.resolve(ModelSpec.FILE_NAME), spec.toJson());
    return ModelLoader.load(dir.toString(), dir, device, precision);
  }

  /**
   * torchvision's ViT-B/16 with seeded weights as TorchScript cut at {@link #VIT_LAYER}, exported
   * with its {@code model.json} by {@code scripts/export_torchscript.py} into {@code work} when not
   * there yet (346 MB, about 15 s).
   *
   * @return the model, or null when it has to be exported and {@link #PYTHON} lacks torch
   */
  static LoadedModel vitB16TorchScript(Path repo, Path work, Device device)
      throws IOException, InterruptedException {
    Path dir = work.resolve(VIT_DIR).toAbsolutePath();
    Path file = dir.resolve("vit_b_16.pt");
    if (!Files.exists(dir.resolve(ModelSpec.FILE_NAME)) || !Files.exists(file)) {
      if (!pythonHasTorch()) {
        return null;
      }
      Files.createDirectories(dir);
      Path log = dir.resolve("export.log");
      System.out.println("exporting vit_b_16 (seeded weights) to " + file + ", log " + log);
      Process export =
          new ProcessBuilder(
                  PYTHON,
                  repo.resolve("scripts/export_torchscript.py").toString(),
                  "--arch",
                  "vit_b_16",
                  "--layer",
                  VIT_LAYER,
                  "--seed",
                  "" + SEED,
                  "--output",
                  file.toString(),
                  "--model-json")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (export.waitFor() != 0) {
        throw new IOException("Exporting vit_b_16 failed, see " + log);
      }
    }
    return ModelLoader.load(dir.toString(), dir, device);
  }

  private static ModelSpec spec(
      String name, ModelFormat format, String architecture, String weights, String layer) {
    List<String> classes = IntStream.range(0, RESNET_CLASSES).mapToObj(c -> "class-" + c).toList();
    return new ModelSpec(
        name,
        format,
        architecture,
        weights,
        layer,
        classes,
        Preprocessing.imagenet(),
        Head.SOFTMAX,
        TokenLayout.CHANNELS_FIRST);
  }
}
