package io.camaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Device choice from faked Spark task resources and a faked CUDA_VISIBLE_DEVICES. */
class TaskDevicesTest {

  private static final Map<String, String> NO_VARIABLE = Map.of();

  private static Map<String, ResourceInformation> gpus(String... addresses) {
    return Map.of("gpu", new ResourceInformation("gpu", addresses));
  }

  private static Map<String, String> visible(String value) {
    return Map.of("CUDA_VISIBLE_DEVICES", value);
  }

  @Test
  void withoutCudaVisibleDevicesTheFirstAddressIsTheIndex() {
    assertEquals(Device.gpu(3), TaskDevices.of(gpus("3", "1"), NO_VARIABLE));
    assertEquals(Device.gpu(2), TaskDevices.of(gpus(" 2 "), Map.of("PATH", "/usr/bin")));
  }

  @Test
  void underCudaVisibleDevicesTheIndexIsTheAddressPositionInIt() {
    assertEquals(Device.gpu(0), TaskDevices.of(gpus("2"), visible("2,3")));
    assertEquals(Device.gpu(1), TaskDevices.of(gpus("3", "2"), visible("2,3")));
    assertEquals(Device.gpu(2), TaskDevices.of(gpus("0"), visible("5, 7 ,0")), "spaces");
  }

  @Test
  void uuidEntriesAreMatchedByName() {
    String first = "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6";
    String second = "GPU-1f3a9c2e-0b7d-4e51-a8c4-6d2e9f0b3a71";
    Map<String, String> environment = visible(first + "," + second);
    assertEquals(Device.gpu(1), TaskDevices.of(gpus(second), environment));
    assertEquals(
        Device.gpu(0), TaskDevices.of(gpus(first.toUpperCase(java.util.Locale.ROOT)), environment));
    String mig = "MIG-5c89b3a1-7d0e-5f2a-9b61-0e4c2d8a7f13";
    assertEquals(Device.gpu(1), TaskDevices.of(gpus(mig), visible("1," + mig)));
  }

  @Test
  void aTaskWithoutGpusRunsOnTheCpu() {
    assertEquals(Device.cpu(), TaskDevices.of(Map.of(), visible("")));
    assertEquals(Device.cpu(), TaskDevices.of(gpus(), visible("0")));
    assertEquals(
        Device.cpu(),
        TaskDevices.of(
            Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"})), NO_VARIABLE));
    assertEquals(Device.cpu(), TaskDevices.current(), "outside a task");
  }

  @Test
  void aUuidAddressWithoutCudaVisibleDevicesNamesTheFix() {
    String message = failure(gpus("GPU-a"), NO_VARIABLE);
    assertTrue(message.contains("'GPU-a'"), message);
    assertTrue(message.contains("without CUDA_VISIBLE_DEVICES it must be a device index"), message);
    assertTrue(message.contains("spark.executor.resource.gpu.discoveryScript"), message);
    assertTrue(message.contains("conf/gpu-discovery.sh"), message);
  }

  @Test
  void aMalformedAddressNamesTheOptionAndTheFix() {
    String message = failure(gpus("gpu0"), NO_VARIABLE);
    assertTrue(message.startsWith("Invalid gpu address 'gpu0' from Spark's resource discovery"));
    assertTrue(message.contains("spark.executor.resource.gpu.discoveryScript"), message);
    assertTrue(failure(gpus("-1"), NO_VARIABLE).contains("'-1'"));
    assertTrue(failure(gpus(""), NO_VARIABLE).contains("''"));
  }

  @Test
  void anAddressOutsideCudaVisibleDevicesIsRefused() {
    String message = failure(gpus("1"), visible("2,3"));
    assertTrue(message.contains("not in this executor's CUDA_VISIBLE_DEVICES=2,3"), message);
    assertTrue(message.contains("spark.executorEnv.CUDA_VISIBLE_DEVICES"), message);
    assertTrue(failure(gpus("0"), visible("")).contains("set but empty"));
  }

  private static String failure(
      Map<String, ResourceInformation> resources, Map<String, String> environment) {
    return assertThrows(
            IllegalArgumentException.class, () -> TaskDevices.of(resources, environment))
        .getMessage();
  }
}
