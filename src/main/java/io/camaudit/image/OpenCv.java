package io.camaudit.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenCV's natives ({@code org.openpnp:opencv}, linux-x86_64 in the application jar), loaded once
 * per JVM on first use.
 */
public final class OpenCv {

  private static final Logger LOG = LoggerFactory.getLogger(OpenCv.class);

  private static final Object LOCK = new Object();
  private static Throwable failure;
  private static boolean loaded;

  private OpenCv() {}

  /** Whether the natives are loaded in this JVM, loading them on the first call. */
  public static boolean available() {
    synchronized (LOCK) {
      if (!loaded && failure == null) {
        try {
          nu.pattern.OpenCV.loadLocally();
          loaded = true;
        } catch (Throwable e) {
          LOG.warn("OpenCV natives unavailable: {}", e.toString());
          failure = e;
        }
      }
      return loaded;
    }
  }

  /**
   * Loads the natives or says why they cannot be.
   *
   * @param forWhat what needs them, for the message
   * @throws IllegalStateException when they cannot be loaded on this platform
   */
  public static void require(String forWhat) {
    if (!available()) {
      throw new IllegalStateException(
          forWhat
              + " needs OpenCV's natives, which cannot be loaded here ("
              + failure
              + "); the application jar ships them for linux-x86_64",
          failure);
    }
  }
}
