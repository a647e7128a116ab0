package io.camaudit.model;

/**
 * A model that cannot compute its features in the asked {@link Precision}; the message names the
 * option ({@code --precision}, or another name through {@link #messageFor}) and the fix.
 */
public final class UnsupportedPrecisionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final Precision precision;
  private final String why;
  private final boolean exportFixes;

  /** The model cannot compute in {@code precision}: an export with its features method would. */
  UnsupportedPrecisionException(Precision precision, String why) {
    this(precision, why, true);
  }

  private UnsupportedPrecisionException(Precision precision, String why, boolean exportFixes) {
    super(describe("--precision", precision, why, exportFixes));
    this.precision = precision;
    this.why = why;
    this.exportFixes = exportFixes;
  }

  /**
   * The model's features in {@code precision} and in fp32 disagree on this machine, where libtorch
   * computes one of them wrongly: re-exporting does not help, limiting oneDNN's instruction set
   * does.
   */
  static UnsupportedPrecisionException onThisMachine(Precision precision, String why) {
    return new UnsupportedPrecisionException(precision, why, false);
  }

  /** The message for the option or param called {@code option} (the Transformer's param). */
  public String messageFor(String option) {
    return describe(option, precision, why, exportFixes);
  }

  private static String describe(
      String option, Precision precision, String why, boolean exportFixes) {
    return String.format(
        "Invalid %s %s: %s; %s",
        option,
        precision.optionName(),
        why,
        exportFixes
            ? String.format(
                "export a TorchScript model with scripts/export_torchscript.py --precisions"
                    + " fp32,%s (docs/torchscript.md), or use %s",
                precision.optionName(), option + " fp32")
            : "set ONEDNN_MAX_CPU_ISA=AVX in the environment of the driver and every executor"
                + " (docs/models.md, Known platform issues)");
  }
}
