package io.camaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the process runs with beside the JVM: its native allocator, the machine's load. */
final class Allocator {

  private Allocator() {}

  /** "jemalloc (…)" when libjemalloc is mapped into this process, else "glibc malloc". */
  static String describe() {
    String conf = System.getenv().getOrDefault("MALLOC_CONF", "(unset)");
    try {
      boolean jemalloc = Files.readString(Path.of("/proc/self/maps")).contains("libjemalloc");
      return jemalloc
          ? "jemalloc preloaded (LD_PRELOAD="
              + System.getenv("LD_PRELOAD")
              + ", MALLOC_CONF="
              + conf
              + ")"
          : "glibc malloc (jemalloc not preloaded)";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
