package io.camaudit.audit;

import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;

/**
 * The outcome for one input item: either its statistics or why it was rejected. Carries the
 * caller's item so that pass-through columns need no lookup.
 *
 * @param <T> the caller's item type
 * @param item the input item
 * @param imageId the item's image id ({@code null} when even that could not be read)
 * @param stats the statistics, when explained
 * @param reason why it was rejected, when rejected
 * @param detail what exactly was wrong, when rejected
 */
public record AuditOutcome<T>(
    T item, String imageId, ImageStats stats, RejectReason reason, String detail) {

  static <T> AuditOutcome<T> explained(T item, String imageId, ImageStats stats) {
    return new AuditOutcome<>(item, imageId, stats, null, null);
  }

  static <T> AuditOutcome<T> rejected(T item, String imageId, InputRejectedException e) {
    return new AuditOutcome<>(item, imageId, null, e.reason(), e.getMessage());
  }

  /** Whether the item was explained. */
  public boolean isExplained() {
    return stats != null;
  }
}
