package io.camaudit.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Loads a local model directory ({@code model.json} plus weights) onto a device. */
public final class ModelLoader {

  private ModelLoader() {}

  /**
   * Reads the spec of the model in {@code directory} and digests its files, without loading it.
   *
   * @param location the user's name for the model, kept for outputs
   * @throws IllegalArgumentException when the directory holds no valid model
   */
  public static ModelInfo describe(String location, Path directory) {
    Path specFile = directory.resolve(ModelSpec.FILE_NAME);
    if (!Files.isRegularFile(specFile)) {
      throw new IllegalArgumentException(
          "Invalid model '" + location + "': no " + ModelSpec.FILE_NAME + " in " + directory);
    }
    try {
      byte[] specBytes = Files.readAllBytes(specFile);
      ModelSpec spec = ModelSpec.fromJson(new String(specBytes, StandardCharsets.UTF_8));
      Path weights = directory.resolve(spec.weights());
      if (!Files.isRegularFile(weights)) {
        throw new IllegalArgumentException(
            "Invalid model '" + location + "': weights file " + weights + " is missing");
      }
      return new ModelInfo(location, spec, digest(specBytes, weights));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model '" + location + "' from " + directory, e);
    }
  }

  /**
   * Loads the model in {@code directory} onto the CPU.
   *
   * @param location the user's name for the model, kept for outputs
   */
  public static LoadedModel load(String location, Path directory) {
    return load(location, directory, Device.cpu());
  }

  /**
   * Loads the model in {@code directory} onto {@code device}.
   *
   * @param location the user's name for the model, kept for outputs
   * @throws IllegalArgumentException when the directory holds no valid model
   */
  public static LoadedModel load(String location, Path directory, Device device) {
    return load(location, directory, device, Precision.FP32);
  }

  /**
   * Loads the model in {@code directory} onto {@code device}, its features computing in {@code
   * precision}.
   *
   * @param location the user's name for the model, kept for outputs
   * @throws IllegalArgumentException when the directory holds no valid model
   * @throws UnsupportedPrecisionException when the model lacks the features of {@code precision}
   *     (DJL-block models compute in float32 only)
   */
  public static LoadedModel load(
      String location, Path directory, Device device, Precision precision) {
    ModelInfo info = describe(location, directory);
    ModelSpec spec = info.spec();
    Path weights = directory.resolve(spec.weights());
    if (spec.format() == ModelFormat.DJL_BLOCK && precision != Precision.FP32) {
      throw new UnsupportedPrecisionException(
          precision, "'" + location + "' is a DJL-block model, which computes in fp32 only");
    }
    TorchEngine.get();
    try {
      SplitNetwork network =
          spec.format() == ModelFormat.DJL_BLOCK
              ? loadBlock(spec, weights, device)
              : loadTorchScript(weights, device, precision);
      return new LoadedModel(
          info,
          new GradientCamModel(network, spec.classes(), spec.layer(), spec.head(), spec.tokens()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model '" + location + "' from " + directory, e);
    }
  }

  private static SplitNetwork loadBlock(ModelSpec spec, Path weights, Device device)
      throws IOException {
    NDManager manager = NDManager.newBaseManager(device, TorchEngine.NAME);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
      SequentialBlock block = Architectures.build(spec.architecture(), spec.classes().size());
      block.initialize(
          manager, DataType.FLOAT32, new Shape(1, 3, spec.input().height(), spec.input().width()));
      block.loadParameters(manager, new DataInputStream(in));
      return new BlockSplitNetwork(block, spec.layer(), manager);
    } catch (MalformedModelException | RuntimeException e) {
      manager.close();
      throw new IllegalArgumentException(
          "Invalid weights "
              + weights
              + " for architecture '"
              + spec.architecture()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private static SplitNetwork loadTorchScript(Path file, Device device, Precision precision) {
    NDManager manager = NDManager.newBaseManager(device, TorchEngine.NAME);
    try {
      PtSymbolBlock module = TorchInternals.loadModule(manager, file);
      return new TorchScriptSplitNetwork(module, manager, precision);
    } catch (UnsupportedPrecisionException e) {
      manager.close();
      throw e;
    } catch (RuntimeException e) {
      manager.close();
      throw new IllegalArgumentException(
          "Invalid TorchScript model " + file + ": " + e.getMessage(), e);
    }
  }

  private static String digest(byte[] spec, Path weights) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(spec);
      try (InputStream in = new DigestInputStream(Files.newInputStream(weights), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
