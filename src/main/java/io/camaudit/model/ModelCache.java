package io.camaudit.model;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model per slot (a model location on a device) per JVM, at the content digest a job
 * asked for: every task of a Spark executor shares it, so a model is loaded once per executor and
 * device, never per partition or row. When a job asks for another digest at the same location (the
 * files there changed: a long-lived cluster, a notebook re-running a transformer after retraining),
 * the new version is loaded and the old one is closed as soon as no task holds it.
 */
public final class ModelCache {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  /** The current model of each slot; guarded by itself, which is held while a model loads. */
  private static final Map<String, Entry> ENTRIES = new HashMap<>();

  private ModelCache() {}

  /**
   * The model of {@code slot} at {@code digest}, loading it with {@code loader} when the slot holds
   * none or another version. Close the lease when the task is done with the model.
   *
   * @throws IllegalStateException when the loaded model's digest is not {@code digest} (its files
   *     changed after the job looked at them)
   */
  public static Lease acquire(String slot, String digest, Supplier<LoadedModel> loader) {
    synchronized (ENTRIES) {
      Entry entry = ENTRIES.get(slot);
      if (entry == null || !entry.digest.equals(digest)) {
        LoadedModel model = load(slot, digest, loader);
        if (entry != null) {
          entry.retire();
        }
        entry = new Entry(digest, model);
        ENTRIES.put(slot, entry);
      }
      entry.leases++;
      return new Lease(entry);
    }
  }

  private static LoadedModel load(String slot, String digest, Supplier<LoadedModel> loader) {
    long start = System.nanoTime();
    LoadedModel model = loader.get();
    if (!model.info().digest().equals(digest)) {
      model.close();
      throw new IllegalStateException(
          "The model at "
              + slot
              + " changed while the job ran: the job started with digest "
              + digest
              + ", the files now have "
              + model.info().digest()
              + "; run the job again");
    }
    LOG.info(
        "Loaded model {} ({}) in {} ms", slot, digest, (System.nanoTime() - start) / 1_000_000);
    return model;
  }

  /** A slot's model at one digest, with the number of tasks holding it. */
  private static final class Entry {
    final String digest;
    final LoadedModel model;
    final String loadId = UUID.randomUUID().toString();
    int leases;
    boolean retired;

    Entry(String digest, LoadedModel model) {
      this.digest = digest;
      this.model = model;
    }

    /** Replaced by a newer version: closed now if no task holds it, else by the last lease. */
    void retire() {
      retired = true;
      closeIfUnused();
    }

    void closeIfUnused() {
      if (retired && leases == 0) {
        LOG.info("Closing model version {}, replaced by a newer one", digest);
        model.close();
      }
    }
  }

  /** A task's hold on a cached model. */
  public static final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean closed;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    /** The model. */
    public LoadedModel model() {
      return entry.model;
    }

    /**
     * The load the model came from: the same for every lease of one load, different for every other
     * load in any JVM. Counting the distinct ids that tasks report counts the loads that served
     * them, even when the task that loaded a model failed and a later one reused it.
     */
    public String loadId() {
      return entry.loadId;
    }

    /** Releases the model; idempotent. */
    @Override
    public void close() {
      synchronized (ENTRIES) {
        if (!closed) {
          closed = true;
          entry.leases--;
          entry.closeIfUnused();
        }
      }
    }
  }
}
