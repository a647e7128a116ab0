package io.camaudit.demo;

import io.camaudit.image.Box;
import java.awt.image.BufferedImage;

/**
 * One generated image of the shortcut dataset with its ground truth.
 *
 * <p>The image is a fresh {@code TYPE_INT_RGB} buffer owned by the caller; record equality compares
 * it by identity, so compare pixels to compare samples.
 *
 * @param imageId stable id, {@code demo-NNNNNN} from the sample index
 * @param image the rendered 8-bit RGB image
 * @param label class name, one of {@link ShortcutDatasetGenerator#CLASSES}
 * @param classIndex position of {@code label} in {@link ShortcutDatasetGenerator#CLASSES}
 * @param box tight bounding box of the drawn shape, labelled with {@code label}
 * @param source image source (the group), one of {@link ShortcutDatasetGenerator#SOURCES}
 * @param tag box of the class-coloured watermark tag, labelled {@code "tag"}, or {@code null} when
 *     the image carries none (every source but {@link ShortcutDatasetGenerator#SHORTCUT_SOURCE})
 */
public record SyntheticSample(
    String imageId,
    BufferedImage image,
    String label,
    int classIndex,
    Box box,
    String source,
    Box tag) {

  /** Checks that the required fields are present and the label matches the class index. */
  public SyntheticSample {
    if (imageId == null || image == null || label == null || box == null || source == null) {
      throw new IllegalArgumentException(
          "imageId, image, label, box and source must be non-null; only tag may be null");
    }
    if (classIndex < 0
        || classIndex >= ShortcutDatasetGenerator.CLASSES.size()
        || !ShortcutDatasetGenerator.CLASSES.get(classIndex).equals(label)) {
      throw new IllegalArgumentException(
          String.format(
              "classIndex %d does not name label '%s'; expected the label's index in %s",
              classIndex, label, ShortcutDatasetGenerator.CLASSES));
    }
  }

  /** Whether the image carries the class-coloured watermark tag. */
  public boolean tagged() {
    return tag != null;
  }
}
