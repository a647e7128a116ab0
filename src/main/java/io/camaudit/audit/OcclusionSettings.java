package io.camaudit.audit;

import io.camaudit.image.RegionFill;
import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link BackgroundReliance} is measured.
 *
 * @param fill how the removed part of each image is filled
 * @param sample the share of images measured, in (0, 1]: an image is in the sample when a hash of
 *     its id, uniform in [0, 1), lies below it, so every run measures the same images (a nightly
 *     comparison pairs them) and the choice depends on nothing else (partitioning, order)
 */
public record OcclusionSettings(RegionFill fill, double sample) implements Serializable {

  /**
   * The default share: the two forward passes cost about twice the explanation itself (Grad-CAM at
   * a late layer is about one forward pass), so a quarter of the images keeps the cost near half.
   */
  public static final double DEFAULT_SAMPLE = 0.25;

  /** Checks the fill and the share. */
  public OcclusionSettings {
    Objects.requireNonNull(fill, "fill");
    if (!(sample > 0 && sample <= 1)) {
      throw new IllegalArgumentException(
          "Invalid --occlusion-sample " + sample + ": expected a share of images in (0, 1]");
    }
  }

  /** A blurred fill on {@link #DEFAULT_SAMPLE} of the images. */
  public static OcclusionSettings defaults() {
    return new OcclusionSettings(RegionFill.BLUR, DEFAULT_SAMPLE);
  }

  /** Whether the image with this id is measured. */
  public boolean samples(String imageId) {
    double u = (ObjectOcclusion.seedOf(imageId) >>> 11) * 0x1.0p-53;
    return u < sample;
  }
}
