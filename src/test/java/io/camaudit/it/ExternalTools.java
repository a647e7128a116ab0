package io.camaudit.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Programs from outside Maven that some integration tests drive: Chromium (Debian's package, driven
 * through Playwright's Node.js package) and DuckDB (its Node.js package). A test without its tool
 * is skipped on a developer's machine; where {@code CAM_AUDIT_REQUIRE} names the tool
 * (comma-separated, as {@code .ci/run} sets it), a missing tool fails the test instead, so CI
 * cannot pass with a check skipped.
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
   * The {@code node_modules} folder holding the Node.js package {@code name} (DuckDB's
   * {@code @duckdb/node-api}, {@code playwright-core}): {@code $CAM_AUDIT_NODE_MODULES}, else
   * {@code ~/.cache/cam-audit/node/node_modules}, where {@code .ci/run} installs them; empty when
   * the package or {@code node} is missing.
   */
  static Optional<Path> nodeModules(String name) {
    String configured = System.getenv("CAM_AUDIT_NODE_MODULES");
    Path modules =
        configured != null
            ? Path.of(configured)
            : Path.of(
                System.getProperty("user.home"), ".cache", "cam-audit", "node", "node_modules");
    return Files.isDirectory(modules.resolve(name)) && onPath("node")
        ? Optional.of(modules)
        : Optional.empty();
  }

  /** The absolute path of the first of {@code names} on the {@code PATH}, if any. */
  static Optional<String> onPath(List<String> names) {
    return names.stream().map(ExternalTools::find).flatMap(Optional::stream).findFirst();
  }

  private static boolean onPath(String name) {
    return find(name).isPresent();
  }

  private static Optional<String> find(String name) {
    String path = System.getenv("PATH");
    return path == null
        ? Optional.empty()
        : Arrays.stream(path.split(java.io.File.pathSeparator))
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .map(p -> p.toAbsolutePath().toString())
            .findFirst();
  }

  private static List<String> required() {
    String value = System.getenv("CAM_AUDIT_REQUIRE");
    return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
  }
}
