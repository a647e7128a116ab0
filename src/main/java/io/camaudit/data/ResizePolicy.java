package io.camaudit.data;

/** How an image of any size is brought to a model's input size. */
public enum ResizePolicy {
  /** Resize to exactly the input size, ignoring the aspect ratio; the model sees all of it. */
  STRETCH,
  /**
   * Resize so the shorter side is {@code resizeShorter} pixels, keeping the aspect ratio, then cut
   * the input size out of the centre (torchvision's {@code Resize(256)}, {@code CenterCrop(224)}).
   * The model does not see the borders that were cut off.
   */
  CENTER_CROP
}
