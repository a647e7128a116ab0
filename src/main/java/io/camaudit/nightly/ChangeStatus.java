package io.camaudit.nightly;

import java.util.Locale;

/** How a (group, metric) row of this run stands against the baseline run. */
public enum ChangeStatus {
  /** In this run only. */
  NEW,
  /** In the baseline run only. */
  VANISHED,
  /** In both, and the change is significant after false discovery rate control. */
  CHANGED,
  /** In both, and the change is within sampling noise. */
  UNCHANGED;

  /** The status's name in {@code audit_diff}: {@code new}, {@code vanished}, … */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
