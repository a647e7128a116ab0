package io.camaudit.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model per key (location and device) per JVM: every task of a Spark executor shares
 * it, so a model is loaded once per executor and device, never per partition or row. Models stay
 * loaded until the JVM exits.
 */
public final class ModelCache {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /**
   * The model cached under {@code key}, loading it with {@code loader} on first use.
   *
   * @param onLoad told of each actual load (for counting loads); not called on cache hits
   */
  public static LoadedModel get(
      String key, Supplier<LoadedModel> loader, Runnable onLoad) {
    return MODELS.computeIfAbsent(
        key,
        k -> {
          long start = System.nanoTime();
          LoadedModel model = loader.get();
          onLoad.run();
          LOG.info("Loaded model {} ({}) in {} ms", key, model.info().digest(),
              (System.nanoTime() - start) / 1_000_000);
          return model;
        });
  }
}
