package io.camaudit.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.camaudit.cam.Head;
import io.camaudit.data.Preprocessing;
import io.camaudit.data.ResizePolicy;
import io.camaudit.model.LoadedModel;
import io.camaudit.model.ModelFormat;
import io.camaudit.model.ModelLoader;
import io.camaudit.model.ModelSpec;
import io.camaudit.model.TokenLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The seeded demo CNN of {@code src/test/python/make_fixtures.py} as TorchScript ({@code
 * demo-cnn-split.pt}, split at {@code block4}, 32×32 input, three classes) and the fixtures' NumPy
 * archives, which the tests compare the Java path with PyTorch's (and pytorch-grad-cam's) numbers
 * on.
 */
public final class DemoCnnFixture {

  /** Its classes, in logit order. */
  public static final List<String> CLASSES = List.of("a", "b", "c");

  /** Its input: 32×32, stretched, ImageNet normalisation. */
  public static final Preprocessing INPUT =
      new Preprocessing(
          32,
          32,
          ResizePolicy.STRETCH,
          0,
          Preprocessing.imagenetMean(),
          Preprocessing.imagenetStd());

  private static final String FIXTURES = "/fixtures/";

  private DemoCnnFixture() {}

  /** The export as scripted: not frozen, contiguous. */
  public static final String AS_SCRIPTED = "demo-cnn-split.pt";

  /** The export as {@code scripts/export_torchscript.py} makes it by default (frozen, NHWC). */
  public static final String OPTIMIZED = "demo-cnn-split-optimized.pt";

  /**
   * Loads the TorchScript model through the audit's own loader, from a model folder in {@code dir}.
   */
  public static LoadedModel load(Path dir) throws IOException {
    return load(dir, AS_SCRIPTED);
  }

  /**
   * Loads the export {@code file} ({@link #AS_SCRIPTED} or {@link #OPTIMIZED}) like {@link #load}.
   */
  public static LoadedModel load(Path dir, String file) throws IOException {
    return ModelLoader.load(dir.toString(), folder(dir, file), Device.cpu());
  }

  /** Writes the export {@code file} and its {@code model.json} into {@code dir}; returns it. */
  public static Path folder(Path dir, String file) throws IOException {
    try (InputStream in = resource(file)) {
      Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    ModelSpec spec =
        new ModelSpec(
            "demo-cnn-split",
            ModelFormat.TORCHSCRIPT,
            null,
            file,
            "block4",
            CLASSES,
            INPUT,
            Head.SOFTMAX,
            TokenLayout.CHANNELS_FIRST);
    Files.writeString(dir.resolve(ModelSpec.FILE_NAME), spec.toJson());
    return dir;
  }

  /** A fixture archive ({@code .npz}) as named arrays. */
  public static NDList npz(NDManager manager, String name) throws IOException {
    try (InputStream in = resource(name)) {
      return NDList.decode(manager, in.readAllBytes());
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoCnnFixture.class.getResourceAsStream(FIXTURES + name);
    if (in == null) {
      throw new IOException("No fixture " + FIXTURES + name + " on the test classpath");
    }
    return in;
  }
}
