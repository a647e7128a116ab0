package io.camaudit.model;

/** How a model's weights are stored. */
public enum ModelFormat {
  /** A DJL block architecture defined in this project ({@link Architectures}) plus its weights. */
  DJL_BLOCK,
  /** A TorchScript file exporting {@code features} and {@code head}. */
  TORCHSCRIPT
}
