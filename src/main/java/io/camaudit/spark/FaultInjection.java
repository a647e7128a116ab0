package io.camaudit.spark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hooks for the fault-tolerance tests, inert unless a system property of the JVM asks for them:
 * halting the driver between the phases of a commit as a crash would ({@value #CRASH_AT}), and
 * slowing the explain stage's rows so that an executor can be killed while it certainly runs
 * ({@value #ROW_DELAY_MS}).
 */
final class FaultInjection {

  /**
   * A point of {@link RunCommit} at which the JVM halts (no shutdown hooks, as on SIGKILL):
   * {@code staged} or {@code replacing}.
   */
  static final String CRASH_AT = "camaudit.test.crash-at";

  /** Milliseconds each explained or rejected row of the explain stage is held. */
  static final String ROW_DELAY_MS = "camaudit.test.row-delay-ms";

  private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

  private static final long ROW_DELAY = Long.getLong(ROW_DELAY_MS, 0);

  private FaultInjection() {}

  /** Halts the JVM when {@value #CRASH_AT} names {@code point}. */
  static void crashIfAsked(String point) {
    if (point.equals(System.getProperty(CRASH_AT))) {
      LOG.error("Halting at '{}' as {} asks (crash test)", point, CRASH_AT);
      Runtime.getRuntime().halt(99);
    }
  }

  /** Holds the calling task for {@value #ROW_DELAY_MS} milliseconds, when set. */
  static void delayRowIfAsked() {
    if (ROW_DELAY > 0) {
      try {
        Thread.sleep(ROW_DELAY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
