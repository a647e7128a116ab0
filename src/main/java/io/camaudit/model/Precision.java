package io.camaudit.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The number type a model's features (the network up to the CAM layer) compute in. The head, and
 * with it the gradient that weighs the maps, always computes in float32. Lower precisions come from
 * a TorchScript export's {@code features_bf16} / {@code features_fp16} methods ({@code
 * scripts/export_torchscript.py --precisions}); their maps' agreement with float32 is in
 * docs/methods.md.
 */
public enum Precision {
  /** float32: the exported {@code features}. */
  FP32,
  /** bfloat16: {@code features_bf16}; fast on CPUs with AVX-512 BF16 or AMX, and on GPUs. */
  BF16,
  /** float16: {@code features_fp16}; for GPUs. */
  FP16;

  /** The name users write: {@code fp32}, {@code bf16}, {@code fp16}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The TorchScript method that computes the features in this precision. */
  public String featuresMethod() {
    return this == FP32 ? "features" : "features_" + optionName();
  }

  /**
   * Parses a name users write.
   *
   * @throws IllegalArgumentException naming {@code --precision} and the names it takes
   */
  public static Precision parse(String name) {
    for (Precision precision : values()) {
      if (precision.optionName().equalsIgnoreCase(name.trim())) {
        return precision;
      }
    }
    throw new IllegalArgumentException(
        "Invalid --precision '"
            + name
            + "': expected one of "
            + Arrays.stream(values()).map(Precision::optionName).toList());
  }
}
