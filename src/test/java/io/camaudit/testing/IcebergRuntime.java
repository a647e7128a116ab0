package io.camaudit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether the build line has an Iceberg Spark runtime (4.1 and 3.5 do, 4.2 none yet): tests of the
 * Iceberg table format are skipped, and named as skipped, where it has none.
 */
public final class IcebergRuntime {

  private static final String CATALOG = "org.apache.iceberg.spark.SparkCatalog";

  private IcebergRuntime() {}

  /** Aborts the calling test when the Iceberg Spark runtime is not on the classpath. */
  public static void assumeAvailable() {
    boolean present;
    try {
      Class.forName(CATALOG, false, IcebergRuntime.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    assumeTrue(present, "this Spark line has no Iceberg Spark runtime (" + CATALOG + ")");
  }
}
