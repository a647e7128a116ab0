package io.camaudit.model;

/**
 * libtorch's CPU threads. Intra-op parallelism is set per calling thread (libtorch's OpenMP pool
 * size is a per-thread setting, and a thread that never sets it uses every core of the machine), so
 * each Spark task sets it for its own thread to the cores Spark gave the task. Inter-op threads can
 * only be set before the engine starts: the property DJL reads then.
 */
public final class TorchThreads {

  /** DJL's property for libtorch's inter-op threads, read when the engine starts. */
  static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  private TorchThreads() {}

  /** Sets the intra-op threads of the calling thread's libtorch operations. */
  public static void useIntraOpThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("Invalid intra-op threads (expected > 0): " + threads);
    }
    TorchEngine.get();
    if (TorchInternals.numThreads() != threads) {
      TorchInternals.setNumThreads(threads);
    }
  }

  /** The intra-op threads of the calling thread's libtorch operations. */
  public static int intraOpThreads() {
    TorchEngine.get();
    return TorchInternals.numThreads();
  }

  /** libtorch's inter-op threads, fixed when the engine started. */
  public static int interOpThreads() {
    TorchEngine.get();
    return TorchInternals.numInteropThreads();
  }

  /**
   * Asks for {@code threads} inter-op threads when the engine starts in this JVM, unless the user
   * set DJL's property; no effect once the engine runs.
   */
  public static void requestInterOpThreads(int threads) {
    if (System.getProperty(INTEROP_PROPERTY) == null) {
      System.setProperty(INTEROP_PROPERTY, Integer.toString(threads));
    }
  }
}
