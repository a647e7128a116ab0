package io.camaudit.audit;

import io.camaudit.image.RegionFill;
import java.io.Serializable;

/**
 * What the audit measures on perturbed copies of the model input, and on which images: the change
 * of the class's probability when the input is multiplied by its heatmap ({@link
 * CamMultiplication}, one forward pass per batch) and, with a fill, {@link BackgroundReliance} (two
 * more).
 *
 * @param occlusionFill how background reliance fills the removed part of an image; null not to
 *     measure background reliance
 * @param sample the share of images measured, in [0, 1], 0 for none: an image is in the sample when
 *     a hash of its id, uniform in [0, 1), lies below it, so every run measures the same images (a
 *     nightly comparison pairs them) and the choice depends on nothing else (partitioning, order)
 */
public record PerturbationSettings(RegionFill occlusionFill, double sample)
    implements Serializable {

  /**
   * The default share: Grad-CAM at a late layer costs about one forward pass, so the three extra
   * passes measured on every image would quadruple the model's time; a fifth of the images keeps
   * the added cost near 60%.
   */
  public static final double DEFAULT_SAMPLE = 0.2;

  /** Checks the share. */
  public PerturbationSettings {
    if (!(sample >= 0 && sample <= 1)) {
      throw new IllegalArgumentException(
          "Invalid --perturbation-sample " + sample + ": expected a share of images in [0, 1]");
    }
  }

  /** A blurred fill on {@link #DEFAULT_SAMPLE} of the images. */
  public static PerturbationSettings defaults() {
    return new PerturbationSettings(RegionFill.BLUR, DEFAULT_SAMPLE);
  }

  /** Whether the image with this id is measured. */
  public boolean samples(String imageId) {
    double u = (ObjectOcclusion.seedOf(imageId) >>> 11) * 0x1.0p-53;
    return u < sample;
  }
}
