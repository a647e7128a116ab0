package io.camaudit.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit job's options, as the command line gives them.
 *
 * @param manifest manifest location
 * @param manifestFormat manifest format, or {@code null} to tell it from the extension
 * @param output output root
 * @param partitions partitions to spread the manifest over; 0 keeps the manifest's own
 * @param settings what every task needs
 */
public record AuditOptions(
    String manifest,
    ManifestReader.Format manifestFormat,
    String output,
    int partitions,
    AuditSettings settings) {

  /** Checks the options that need no I/O. */
  public AuditOptions {
    if (settings.batchSize() <= 0) {
      throw new IllegalArgumentException(
          "Invalid --batch-size " + settings.batchSize() + ": expected a positive number");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException(
          "Invalid --partitions " + partitions + ": expected 0 (keep) or a positive number");
    }
    if (settings.runId().isBlank() || !settings.runId().matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "Invalid --run-id '" + settings.runId() + "': use letters, digits, '.', '_' and '-'");
    }
    if (settings.maxPixels() <= 0 || settings.maxFileBytes() <= 0) {
      throw new IllegalArgumentException(
          "Invalid --max-pixels / --max-file-bytes: expected positive numbers");
    }
  }

  /** The manifest format, from the option or the file's extension. */
  ManifestReader.Format manifestFormatOrDefault() {
    return manifestFormat != null ? manifestFormat : ManifestReader.Format.ofPath(manifest);
  }

  /** The options as the run summary records them. */
  Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("manifest", manifest);
    map.put("manifest_format", manifestFormatOrDefault().name().toLowerCase(java.util.Locale.ROOT));
    map.put("output", output);
    map.put("partitions", partitions);
    map.put("batch_size", settings.batchSize());
    map.put("max_pixels", settings.maxPixels());
    map.put("max_file_bytes", settings.maxFileBytes());
    map.put("group_columns", List.copyOf(settings.groupColumns()));
    return map;
  }
}
