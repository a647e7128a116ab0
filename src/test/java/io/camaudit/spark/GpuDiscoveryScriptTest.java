package io.camaudit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/gpu-discovery.sh with a fake {@code nvidia-smi} on an otherwise empty PATH: absent, failing,
 * hanging, two GPUs (one split into MIG instances). Every run exits 0 and prints JSON that Spark's
 * own parser ({@link ResourceInformation#parseJson(String)}) reads.
 */
class GpuDiscoveryScriptTest {

  private static final String TWO_GPUS =
      """
      GPU 0: NVIDIA H200 (UUID: GPU-8932f937-d72c-4106-c12f-20bd9faed9f6)
      GPU 1: NVIDIA H200 (UUID: GPU-1f3a9c2e-0b7d-4e51-a8c4-6d2e9f0b3a71)
        MIG 3g.71gb     Device  0: (UUID: MIG-5c89b3a1-7d0e-5f2a-9b61-0e4c2d8a7f13)
      """;

  @TempDir Path bin;

  @Test
  void withoutNvidiaSmiTheListIsEmpty() throws Exception {
    assertArrayEquals(new String[0], discover(Map.of()));
  }

  @Test
  void aFailingNvidiaSmiGivesAnEmptyList() throws Exception {
    fakeNvidiaSmi(
        "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'"
            + " >&2; exit 9");
    assertArrayEquals(new String[0], discover(Map.of()));
  }

  @Test
  void aHangingNvidiaSmiGivesAnEmptyListAfterTheTimeout() throws Exception {
    Path timeout = Paths.get("/usr/bin/timeout");
    if (Files.isExecutable(timeout)) {
      Files.createSymbolicLink(bin.resolve("timeout"), timeout);
    }
    fakeNvidiaSmi("exec /bin/sleep 30");
    assertArrayEquals(new String[0], discover(Map.of("GPU_DISCOVERY_TIMEOUT_S", "1")));
  }

  @Test
  void twoGpusAreListedByIndex() throws Exception {
    fakeNvidiaSmi("[ \"$1\" = -L ] && printf '%s' '" + TWO_GPUS + "'");
    assertArrayEquals(new String[] {"0", "1"}, discover(Map.of()));
  }

  @Test
  void underCudaVisibleDevicesItsEntriesAreListedUpToTheFirstUnknown() throws Exception {
    fakeNvidiaSmi("printf '%s' '" + TWO_GPUS + "'");
    String uuid = "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6";
    String mig = "MIG-5c89b3a1-7d0e-5f2a-9b61-0e4c2d8a7f13";
    Map<String, String> environment =
        Map.of("CUDA_VISIBLE_DEVICES", "1, " + uuid + "," + mig + ",7,0");
    String[] addresses = discover(environment);
    assertArrayEquals(new String[] {"1", uuid, mig}, addresses);
    for (int i = 0; i < addresses.length; i++) {
      ResourceInformation gpu = new ResourceInformation("gpu", new String[] {addresses[i]});
      assertEquals(Device.gpu(i), TaskDevices.of(Map.of("gpu", gpu), environment));
    }
    assertArrayEquals(new String[0], discover(Map.of("CUDA_VISIBLE_DEVICES", "")));
  }

  private void fakeNvidiaSmi(String body) throws IOException {
    Path script = bin.resolve("nvidia-smi");
    Files.writeString(script, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
    assertTrue(script.toFile().setExecutable(true));
  }

  /** Runs the script with PATH holding only {@link #bin}; checks exit 0 and Spark-readable JSON. */
  private String[] discover(Map<String, String> environment) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/bash", Paths.get("conf/gpu-discovery.sh").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().put("PATH", bin.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the script finished");
    assertEquals(0, process.exitValue(), output);
    ResourceInformation parsed = ResourceInformation.parseJson(output);
    assertEquals("gpu", parsed.name());
    return parsed.addresses();
  }
}
