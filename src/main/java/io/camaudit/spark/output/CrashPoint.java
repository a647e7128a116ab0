package io.camaudit.spark.output;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The points of a run's commit at which crash tests halt the driver's JVM (no shutdown hooks, as on
 * SIGKILL), named by the system property {@value #PROPERTY}. Both stores have the same two points:
 * {@link #STAGED}, once every table of the run is computed and before anything readers see changes,
 * and {@link #REPLACING}, once the first table holds the new run and the others still the old one.
 * For crash tests only: unset, nothing halts.
 */
final class CrashPoint {

  private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);

  /** The system property that names the point to halt at. */
  static final String PROPERTY = "camaudit.test.crash-at";

  /** Every table staged, nothing replaced. */
  static final String STAGED = "staged";

  /** The first table replaced, the others not. */
  static final String REPLACING = "replacing";

  private CrashPoint() {}

  /** Halts the JVM with status 99 if {@value #PROPERTY} names {@code point}. */
  static void haltIfAsked(String point) {
    if (point.equals(System.getProperty(PROPERTY))) {
      LOG.error("Halting at '{}' as {} asks (crash test)", point, PROPERTY);
      Runtime.getRuntime().halt(99);
    }
  }
}
