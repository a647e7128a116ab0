package io.camaudit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether the build line has an Iceberg Spark runtime (4.1 and 3.5 do, 4.2 none yet): tests of the
 * Iceberg table format are skipped, and named as skipped, where it has none.
 */
public final class IcebergRuntime {

  private static final String CATALOG = "org.apache.iceberg.spark.SparkCatalog";

  private IcebergRuntime() {}

  /** Whether the Iceberg Spark runtime is on the classpath. */
  public static boolean present() {
    try {
      Class.forName(CATALOG, false, IcebergRuntime.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Aborts the calling test when the Iceberg Spark runtime is not on the classpath. */
  public static void assumeAvailable() {
    assumeTrue(present(), "this Spark line has no Iceberg Spark runtime (" + CATALOG + ")");
  }
}
