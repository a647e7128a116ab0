package io.camaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Device choice from faked Spark task resources. */
class TaskDevicesTest {

  @Test
  void aTaskWithAGpuRunsOnItsFirstAddress() {
    Map<String, ResourceInformation> resources =
        Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "1"}));
    assertEquals(Device.gpu(3), TaskDevices.of(resources));
  }

  @Test
  void aTaskWithoutGpusRunsOnTheCpu() {
    assertEquals(Device.cpu(), TaskDevices.of(Map.of()));
    assertEquals(
        Device.cpu(), TaskDevices.of(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
    assertEquals(
        Device.cpu(),
        TaskDevices.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
    assertEquals(Device.cpu(), TaskDevices.current(), "outside a task");
  }

  @Test
  void aNonNumericAddressNamesTheDiscoveryScript() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TaskDevices.of(
                    Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-a"}))));
    assertEquals(true, e.getMessage().contains("discovery script"));
  }
}
