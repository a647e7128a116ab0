package io.camaudit.model;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.LibUtils;
import java.util.List;

/**
 * Starts DJL's PyTorch engine and prints which libtorch it loaded and how many GPUs it sees: the
 * check of an executor image or a GPU machine before a run ({@code scripts/bench --gpu}, {@code
 * scripts/check-cuda-jar}). {@code java @conf/jvm.options -cp APP_JAR io.camaudit.model.EngineInfo
 * [--gpu]}; exits 1 when the engine does not start, or with {@code --gpu} when it sees no GPU.
 */
public final class EngineInfo {

  private EngineInfo() {}

  /** Prints the engine's libtorch and GPUs; {@code --gpu} requires one. */
  public static void main(String[] args) {
    Engine engine;
    try {
      engine = TorchEngine.get();
    } catch (EngineException e) {
      System.err.println(
          "libtorch did not load: "
              + e.getMessage()
              + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
              + ". A jar without libtorch (the cuda build) needs PYTORCH_LIBRARY_PATH,"
              + " PYTORCH_FLAVOR and PYTORCH_VERSION set as docs/deployment.md (CUDA natives)"
              + " says");
      System.exit(1);
      return;
    }
    int gpus = engine.getGpuCount();
    System.out.printf(
        "PyTorch %s from %s, %d GPU(s) visible%n",
        engine.getVersion(), LibUtils.getLibtorchPath(), gpus);
    if (List.of(args).contains("--gpu") && gpus == 0) {
      System.err.println(
          "no GPU visible to libtorch: check nvidia-smi, CUDA_VISIBLE_DEVICES and that"
              + " PYTORCH_LIBRARY_PATH holds libtorch's CUDA build");
      System.exit(1);
    }
  }
}
