package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camaudit.cam.CamModel;
import io.camaudit.cam.Head;
import io.camaudit.cam.InputBatch;
import io.camaudit.cam.LayerPass;
import io.camaudit.cam.TargetRequest;
import io.camaudit.data.Preprocessing;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-JVM model cache: one load per slot and version; a changed model replaces the old. */
class ModelCacheTest {

  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void oneLoadPerSlotAndDigest() {
    String slot = "one-load@cpu";
    try (ModelCache.Lease a = ModelCache.acquire(slot, "d1", () -> counted("d1"));
        ModelCache.Lease b = ModelCache.acquire(slot, "d1", () -> counted("d1"))) {
      assertSame(a.model(), b.model());
      assertEquals(1, loads.get());
      assertEquals(a.loadId(), b.loadId(), "one load, one id for its tasks to report");
    }
  }

  @Test
  void aNewDigestLoadsAgainAndTheOldVersionClosesWhenItsLastTaskIsDone() {
    String slot = "changed@cpu";
    ModelCache.Lease old = ModelCache.acquire(slot, "v1", () -> counted("v1"));
    Closable v1 = (Closable) old.model().model();
    ModelCache.Lease current = ModelCache.acquire(slot, "v2", () -> counted("v2"));
    assertEquals(2, loads.get(), "the files changed: loaded again");
    assertNotEquals(old.loadId(), current.loadId());
    assertEquals("v2", current.model().info().digest());
    assertFalse(v1.closed, "a task still holds the old version");
    old.close();
    assertTrue(v1.closed, "closed once its last task is done");
    old.close();
    current.close();
    assertFalse(((Closable) current.model().model()).closed, "the current version stays loaded");
    try (ModelCache.Lease again = ModelCache.acquire(slot, "v2", () -> counted("v2"))) {
      assertSame(current.model(), again.model());
      assertEquals(2, loads.get());
      assertEquals(current.loadId(), again.loadId());
    }
  }

  @Test
  void aVersionNoTaskHoldsIsClosedAsSoonAsItIsReplaced() {
    String slot = "idle@cpu";
    ModelCache.Lease old = ModelCache.acquire(slot, "v1", () -> counted("v1"));
    old.close();
    assertFalse(((Closable) old.model().model()).closed, "still the current version");
    ModelCache.acquire(slot, "v2", () -> counted("v2")).close();
    assertTrue(((Closable) old.model().model()).closed);
  }

  @Test
  void eachSlotLoadsItsOwnModel() {
    try (ModelCache.Lease cpu = ModelCache.acquire("m@cpu", "d", () -> counted("d"));
        ModelCache.Lease gpu = ModelCache.acquire("m@gpu0", "d", () -> counted("d"))) {
      assertNotSame(cpu.model(), gpu.model());
      assertEquals(2, loads.get());
      assertNotEquals(cpu.loadId(), gpu.loadId());
    }
  }

  @Test
  void aModelWhoseFilesChangedAfterTheJobLookedIsRefusedAndClosed() {
    LoadedModel changed = model("now");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ModelCache.acquire("raced@cpu", "seen", () -> changed));
    assertTrue(e.getMessage().contains("changed while the job ran"), e.getMessage());
    assertTrue(((Closable) changed.model()).closed, "its native memory is freed");
  }

  /** A model for {@code digest}, counting the loads. */
  private LoadedModel counted(String digest) {
    loads.incrementAndGet();
    return model(digest);
  }

  private static LoadedModel model(String digest) {
    ModelSpec spec =
        new ModelSpec(
            "m",
            ModelFormat.TORCHSCRIPT,
            null,
            "m.pt",
            "layer",
            List.of("a", "b"),
            Preprocessing.imagenet(),
            Head.SOFTMAX,
            TokenLayout.CHANNELS_FIRST);
    return new LoadedModel(new ModelInfo("loc", spec, digest), new Closable());
  }

  /** A model that only records whether it was closed. */
  private static final class Closable implements CamModel {
    boolean closed;

    @Override
    public List<String> classes() {
      return List.of("a", "b");
    }

    @Override
    public String layer() {
      return "layer";
    }

    @Override
    public LayerPass forwardBackward(InputBatch batch, List<TargetRequest> requests) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] predict(InputBatch batch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
