package io.camaudit.model;

import ai.djl.engine.Engine;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * DJL's PyTorch engine, started offline and without usage tracking in any JVM: the driver, every
 * executor, a notebook's. DJL reads {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} from the
 * environment or from system properties each time it would reach the network; this class sets the
 * properties that neither the environment nor the command line set before the engine starts, so a
 * plain {@code spark-submit} needs neither in {@code extraJavaOptions}. Without them DJL's engine
 * start asks a cloud metadata address for the host's identity.
 */
public final class TorchEngine {

  /** DJL's name of the engine. */
  public static final String NAME = "PyTorch";

  /** The system property each of DJL's switches is read from, and its environment variable. */
  static final Map<String, String> OFFLINE_SWITCHES =
      Map.of("ai.djl.offline", "DJL_OFFLINE", "OPT_OUT_TRACKING", "OPT_OUT_TRACKING");

  private TorchEngine() {}

  /** The engine, started offline on first use. */
  public static Engine get() {
    offline(System::getenv);
    return Engine.getEngine(NAME);
  }

  /**
   * Sets each of DJL's offline switches to {@code true} as a system property, unless that property
   * or its environment variable (read through {@code environment}) is set: an explicit choice wins.
   */
  static void offline(UnaryOperator<String> environment) {
    OFFLINE_SWITCHES.forEach(
        (property, variable) -> {
          if (System.getProperty(property) == null && environment.apply(variable) == null) {
            System.setProperty(property, "true");
          }
        });
  }
}
