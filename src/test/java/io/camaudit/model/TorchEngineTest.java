package io.camaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DJL's offline switches, as {@link TorchEngine} sets them before the engine starts. */
class TorchEngineTest {

  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void clearSwitches() {
    TorchEngine.OFFLINE_SWITCHES.keySet().forEach(p -> saved.put(p, System.clearProperty(p)));
  }

  @AfterEach
  void restoreSwitches() {
    saved.forEach(
        (property, value) -> {
          if (value == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, value);
          }
        });
  }

  @Test
  void aJvmStartedWithoutTheSwitchesGetsBothOn() {
    TorchEngine.offline(variable -> null);
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
  }

  @Test
  void anExplicitChoiceWins() {
    System.setProperty("ai.djl.offline", "false");
    TorchEngine.offline(variable -> variable.equals("OPT_OUT_TRACKING") ? "false" : null);
    assertEquals("false", System.getProperty("ai.djl.offline"));
    assertNull(System.getProperty("OPT_OUT_TRACKING"), "the environment's setting stands");
  }
}
