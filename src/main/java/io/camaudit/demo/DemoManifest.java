package io.camaudit.demo;

import io.camaudit.image.Box;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetWriter} wrote: the manifest file and its entries, in line order.
 *
 * @param file the {@code manifest.jsonl} file
 * @param entries one entry per manifest line and image
 */
public record DemoManifest(Path file, List<Entry> entries) {

  /** Copies the entries. */
  public DemoManifest {
    if (file == null || entries == null) {
      throw new IllegalArgumentException("Manifest file and entries must be non-null");
    }
    entries = List.copyOf(entries);
  }

  /**
   * One manifest line.
   *
   * @param imageId image id, unique within the manifest
   * @param path image path relative to the manifest's folder, with {@code /} separators
   * @param label class name
   * @param box ground-truth box of the object
   * @param source image source (group)
   * @param tagged whether the image carries the class-coloured tag
   */
  public record Entry(
      String imageId, String path, String label, Box box, String source, boolean tagged) {}
}
