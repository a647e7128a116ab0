package io.camaudit.audit;

import io.camaudit.data.InputRejectedException;
import io.camaudit.data.RejectReason;
import java.util.List;

/**
 * The outcome for one input item: {@link Explained} with its statistics, or {@link Rejected} with
 * the reason. Carries the caller's item so that pass-through columns need no lookup.
 *
 * @param <T> the caller's item type
 */
public sealed interface AuditOutcome<T> permits AuditOutcome.Explained, AuditOutcome.Rejected {

  /** The input item. */
  T item();

  /** The item's image id ({@code null} when even that could not be read). */
  String imageId();

  /**
   * An explained item.
   *
   * @param item the input item
   * @param imageId the item's image id
   * @param stats per explained class, in the order its target request gives them: the map and
   *     measurements
   */
  record Explained<T>(T item, String imageId, List<ImageStats> stats) implements AuditOutcome<T> {

    /** Copies the list. */
    public Explained {
      stats = List.copyOf(stats);
    }
  }

  /**
   * A rejected item.
   *
   * @param item the input item
   * @param imageId the item's image id, or {@code null}
   * @param reason why it was rejected
   * @param detail what exactly was wrong
   */
  record Rejected<T>(T item, String imageId, RejectReason reason, String detail)
      implements AuditOutcome<T> {

    static <T> Rejected<T> of(T item, String imageId, InputRejectedException e) {
      return new Rejected<>(item, imageId, e.reason(), e.getMessage());
    }
  }
}
