package io.camaudit.cam;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The CAM methods by name, as configurations ({@code --method}) and outputs name them; each name is
 * its method's {@link CamMethod#name()}. See {@code docs/methods.md}.
 */
public final class CamMethods {

  /** The default method. */
  public static final String DEFAULT = "gradcam";

  private static final Map<String, Supplier<CamMethod>> METHODS = new LinkedHashMap<>();

  static {
    METHODS.put(DEFAULT, GradCam::new);
    METHODS.put("gradcam++", GradCamPlusPlus::new);
    METHODS.put("xgradcam", XGradCam::new);
    METHODS.put("layercam", LayerCam::new);
    METHODS.put("hirescam", HiResCam::new);
    METHODS.put("eigencam", EigenCam::new);
    METHODS.put("scorecam", ScoreCam::new);
  }

  private CamMethods() {}

  /** Every method's name, in the order of {@code docs/methods.md}. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(METHODS.keySet());
  }

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
