package io.camaudit.model;

/**
 * A model that cannot compute its features in the asked {@link Precision}; the message names the
 * option ({@code --precision}, or another name through {@link #messageFor}) and the fix.
 */
public final class UnsupportedPrecisionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Precision precision;
  private final String why;

  UnsupportedPrecisionException(Precision precision, String why) {
    super(describe("--precision", precision, why));
    this.precision = precision;
    this.why = why;
  }

  /** The message for the option or param called {@code option} (the Transformer's param). */
  public String messageFor(String option) {
    return describe(option, precision, why);
  }

  private static String describe(String option, Precision precision, String why) {
    return String.format(
        "Invalid %s %s: %s; export a TorchScript model with scripts/export_torchscript.py"
            + " --precisions fp32,%s (docs/torchscript.md), or use %s fp32",
        option, precision.optionName(), why, precision.optionName(), option);
  }
}
