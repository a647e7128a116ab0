package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this project relies on in DJL's PyTorch internals: fails when a DJL upgrade changes it. */
class TorchInternalsTest {

  @BeforeAll
  static void startEngine() {
    TorchEngine.get();
  }

  @Test
  void gradModeIsPerThread() {
    boolean before = TorchInternals.isGradMode();
    try {
      TorchInternals.setGradMode(false);
      boolean other =
          CompletableFuture.supplyAsync(
                  () -> {
                    TorchInternals.setGradMode(true);
                    return TorchInternals.isGradMode();
                  })
              .join();
      assertTrue(other, "set on the other thread");
      assertFalse(TorchInternals.isGradMode(), "this thread is unaffected by the other");
      TorchInternals.setGradMode(true);
      assertTrue(TorchInternals.isGradMode());
    } finally {
      TorchInternals.setGradMode(before);
    }
  }

  @Test
  void backwardWithAOneHotSeedGivesTheGradientOfTheSelectedOutputs() {
    boolean before = TorchInternals.isGradMode();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
      TorchInternals.setGradMode(true);
      NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      x.setRequiresGradient(true);
      NDArray y = x.mul(x).mul(x);
      // row 0 selects y[0, 2], row 1 selects y[1, 0]: d(x^3)/dx = 3x^2 there, 0 elsewhere
      NDArray seed = manager.create(new float[] {0, 0, 1, 1, 0, 0}, new Shape(2, 3));
      TorchInternals.backward(y, seed);
      assertArrayEquals(new float[] {0, 0, 27, 48, 0, 0}, x.getGradient().toFloatArray(), 1e-5f);
    } finally {
      TorchInternals.setGradMode(before);
    }
  }

  @Test
  void listsTheMethodsOfATorchScriptModule(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo-cnn-split.pt");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/demo-cnn-split.pt")) {
      Files.copy(in, file);
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
      PtSymbolBlock module = TorchInternals.loadModule(manager, file);
      List<String> methods = TorchInternals.methodNames(module);
      assertTrue(methods.containsAll(List.of("features", "head")), methods.toString());
    }
  }

  @Test
  void threadCountRoundTrips() {
    int before = TorchInternals.numThreads();
    int other = before == 1 ? 2 : 1;
    try {
      TorchInternals.setNumThreads(other);
      assertEquals(other, TorchInternals.numThreads());
    } finally {
      TorchInternals.setNumThreads(before);
    }
    assertEquals(before, TorchInternals.numThreads());
  }
}
