package io.camaudit.model;

/**
 * A model that cannot compute its features in the asked {@link Precision}; the message names {@code
 * --precision} and the fix.
 */
public final class UnsupportedPrecisionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  UnsupportedPrecisionException(Precision precision, String why) {
    super(
        String.format(
            "Invalid --precision %s: %s; export a TorchScript model with"
                + " scripts/export_torchscript.py --precisions fp32,%s (docs/torchscript.md), or"
                + " use --precision fp32",
            precision.optionName(), why, precision.optionName()));
  }
}
