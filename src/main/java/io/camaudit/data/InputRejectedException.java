package io.camaudit.data;

/** An input that cannot be used, with the reason and a detail naming what was wrong. */
public final class InputRejectedException extends Exception {

  private final RejectReason reason;

  /** Rejects for {@code reason}; {@code detail} says what exactly was found. */
  public InputRejectedException(RejectReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  /** Rejects for {@code reason}, keeping the underlying failure as the cause. */
  public InputRejectedException(RejectReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  /** The reason. */
  public RejectReason reason() {
    return reason;
  }
}
