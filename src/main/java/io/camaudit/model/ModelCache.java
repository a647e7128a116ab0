package io.camaudit.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One loaded model per location per JVM: every task of a Spark executor shares it, so a model is
 * loaded once per executor, never per partition or row. Models stay loaded until the JVM exits.
 */
public final class ModelCache {

  private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /**
   * The model loaded from {@code location}, loading it with {@code loader} on first use.
   *
   * @param onLoad told of each actual load (for counting loads); not called on cache hits
   */
  public static LoadedModel get(
      String location, Function<String, LoadedModel> loader, Runnable onLoad) {
    return MODELS.computeIfAbsent(
        location,
        key -> {
          LoadedModel model = loader.apply(key);
          onLoad.run();
          return model;
        });
  }
}
