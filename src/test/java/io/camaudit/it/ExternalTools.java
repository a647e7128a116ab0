package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Programs from outside Maven that some integration tests drive: Chromium (Debian's package) and
 * DuckDB (its Node.js package). A test without its tool is skipped on a developer's machine; where
 * {@code CAM_AUDIT_REQUIRE} names the tool (comma-separated, as {@code .ci/run} sets it), a
 * missing tool fails the test instead, so CI cannot pass with a check skipped.
 */
final class ExternalTools {

  /** DuckDB's Node.js package, as {@code .ci/run} installs it. */
  static final String DUCKDB = "duckdb";

  /** Headless Chromium. */
  static final String CHROMIUM = "chromium";

  private ExternalTools() {}

  /** Skips the test without {@code tool}, or fails it where the tool is required. */
  static void assumeOrRequire(String tool, boolean available, String howToInstall) {
    String message = tool + " is not installed (" + howToInstall + ")";
    if (required().contains(tool)) {
      assertTrue(available, message + " but CAM_AUDIT_REQUIRE names it");
    } else {
      assumeTrue(available, message + ": check skipped");
    }
  }

  /**
   * The {@code node_modules} folder holding DuckDB's Node.js package:
   * {@code $CAM_AUDIT_DUCKDB}, else {@code ~/.cache/cam-audit/duckdb/node_modules}; empty when
   * it or {@code node} is missing.
   */
  static Optional<Path> duckDbModules() {
    String configured = System.getenv("CAM_AUDIT_DUCKDB");
    Path modules = configured != null ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "cam-audit", "duckdb",
            "node_modules");
    return Files.isDirectory(modules.resolve("@duckdb/node-api")) && onPath("node")
        ? Optional.of(modules) : Optional.empty();
  }

  /** The first of {@code names} on the {@code PATH}, if any. */
  static Optional<String> onPath(List<String> names) {
    return names.stream().filter(ExternalTools::onPath).findFirst();
  }

  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
  }

  private static List<String> required() {
    String value = System.getenv("CAM_AUDIT_REQUIRE");
    return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
  }
}
