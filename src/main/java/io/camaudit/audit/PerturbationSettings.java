package io.camaudit.audit;

import io.camaudit.image.RegionFill;
import java.io.Serializable;

/**
 * What the audit measures on perturbed copies of the model input, and on which images: the change
 * of the class's probability when the input is multiplied by its heatmap ({@link
 * CamMultiplication}, one copy per image and class) and, with a fill, {@link BackgroundReliance}
 * (two copies per image), all of a batch's copies scored in one forward pass ({@link
 * PerturbedCopies}), on one sample; ROAD ({@link Road}, 18 passes and imputations per image and
 * class) on another.
 *
 * @param occlusionFill how background reliance fills the removed part of an image; null not to
 *     measure background reliance
 * @param sample the share of images measured, in [0, 1], 0 for none: an image is in the sample when
 *     a hash of its id, uniform in [0, 1), lies below it, so every run measures the same images (a
 *     nightly comparison pairs them) and the choice depends on nothing else (partitioning, order)
 * @param roadSample the share of images ROAD is measured on, in [0, 1], chosen by the same hash (so
 *     the smaller of the two samples lies within the larger)
 */
public record PerturbationSettings(RegionFill occlusionFill, double sample, double roadSample)
    implements Serializable {

  /**
   * The default share: Grad-CAM at a late layer costs about one forward pass, so the three extra
   * passes measured on every image would about quadruple the model's time; at 0.2 they added 66-68%
   * to explain + measure on ResNet-18 at 640×480 (scripts/bench), so 0.15 keeps it near half.
   */
  public static final double DEFAULT_SAMPLE = 0.15;

  /** The default share of ROAD: none, it costs about 18 explanations per image. */
  public static final double DEFAULT_ROAD_SAMPLE = 0;

  /** Checks the shares. */
  public PerturbationSettings {
    check("--perturbation-sample", sample);
    check("--faithfulness-sample", roadSample);
  }

  private static void check(String option, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "Invalid " + option + " " + share + ": expected a share of images in [0, 1]");
    }
  }

  /** A blurred fill on {@link #DEFAULT_SAMPLE} of the images, no ROAD. */
  public static PerturbationSettings defaults() {
    return new PerturbationSettings(RegionFill.BLUR, DEFAULT_SAMPLE, DEFAULT_ROAD_SAMPLE);
  }

  /** Whether the image with this id is measured on perturbed inputs. */
  public boolean samples(String imageId) {
    return position(imageId) < sample;
  }

  /** Whether the image with this id is measured by ROAD. */
  public boolean roadSamples(String imageId) {
    return position(imageId) < roadSample;
  }

  /** The image's place in [0, 1): a hash of its id. */
  private static double position(String imageId) {
    return (ObjectOcclusion.seedOf(imageId) >>> 11) * 0x1.0p-53;
  }
}
