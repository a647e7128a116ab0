package io.camaudit.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.opencv.core.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenCV's natives ({@code org.openpnp:opencv}, linux-x86_64 in the application jar), loaded once
 * per JVM on first use. On linux-x86_64 the library is extracted once per machine into the cache
 * folder ({@code CAM_AUDIT_CACHE_DIR}, default {@code ~/.cache/cam-audit}) and loaded from there;
 * elsewhere, or when that folder is not writable, openpnp extracts it into a temporary folder for
 * each JVM (0.4 s here, against 0.02 s from the cache).
 */
public final class OpenCv {

  private static final Logger LOG = LoggerFactory.getLogger(OpenCv.class);

  /** Where the application jar keeps the linux-x86_64 library. */
  private static final String LINUX_X86_64 = "nu/pattern/opencv/linux/x86_64/";

  /** The environment variable naming the cache folder. */
  private static final String CACHE_DIR_VARIABLE = "CAM_AUDIT_CACHE_DIR";

  private static final Object LOCK = new Object();
  private static Throwable failure;
  private static boolean loaded;

  private OpenCv() {}

  /** Whether the natives are loaded in this JVM, loading them on the first call. */
  public static boolean available() {
    synchronized (LOCK) {
      if (!loaded && failure == null) {
        try {
          load();
          loaded = true;
        } catch (Throwable e) {
          LOG.warn("OpenCV natives unavailable: {}", e.toString());
          failure = e;
        }
      }
      return loaded;
    }
  }

  private static void load() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
      try {
        Path library =
            NativeLibraryCache.extract(
                LINUX_X86_64 + System.mapLibraryName(Core.NATIVE_LIBRARY_NAME),
                cacheFolder().resolve("opencv").resolve(Core.VERSION));
        System.load(library.toString());
        return;
      } catch (IOException | UnsatisfiedLinkError e) {
        LOG.info(
            "OpenCV natives not loaded from the cache folder ({}); extracting them", e.toString());
      }
    }
    nu.pattern.OpenCV.loadLocally();
  }

  /** The folder natives are extracted into once per machine. */
  private static Path cacheFolder() {
    String configured = System.getenv(CACHE_DIR_VARIABLE);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "cam-audit");
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
