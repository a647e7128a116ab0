package io.camaudit.cam;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The CAM methods by name, as configurations and outputs name them. */
public final class CamMethods {

  /** The default method. */
  public static final String DEFAULT = "gradcam";

  private static final Map<String, Supplier<CamMethod>> METHODS =
      new TreeMap<>(Map.of(DEFAULT, GradCam::new));

  private CamMethods() {}

  /**
   * A new instance of the named method.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static CamMethod byName(String name) {
    Supplier<CamMethod> method = METHODS.get(name);
    if (method == null) {
      throw new IllegalArgumentException(
          "Invalid --method '" + name + "': expected one of " + METHODS.keySet());
    }
    return method.get();
  }
}
