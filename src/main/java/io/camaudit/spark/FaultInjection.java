package io.camaudit.spark;

/**
 * A hook for the executor-loss test, inert unless a system property of the executor JVM asks for
 * it: each row of the explain stage is held {@value #ROW_DELAY_MS} milliseconds, so that an
 * executor can be killed while it certainly runs explain tasks.
 */
final class FaultInjection {

  /** Milliseconds each explained or rejected row of the explain stage is held. */
  static final String ROW_DELAY_MS = "camaudit.test.row-delay-ms";

  private static final long ROW_DELAY = Long.getLong(ROW_DELAY_MS, 0);

  private FaultInjection() {}

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
