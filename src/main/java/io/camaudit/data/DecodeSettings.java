package io.camaudit.data;

import java.io.Serializable;

/**
 * How image files are read and decoded; the defaults live here.
 *
 * @param maxFileBytes larger files are rejected before they are read
 * @param maxPixels images whose header declares more pixels are rejected before decoding (a defence
 *     against decompression bombs)
 * @param exact decode every image at full size; otherwise a JPEG much larger than the model's input
 *     is decoded at 1/2, 1/4 or 1/8 of its size by the decoder's DCT scaling ({@link ImageDecoder})
 */
public record DecodeSettings(long maxFileBytes, long maxPixels, boolean exact)
    implements Serializable {

  /** Default file size limit: 256 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 268_435_456L;

  /** Default pixel limit: 100 megapixels, about PIL's decompression-bomb error threshold. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  /** Checks the limits. */
  public DecodeSettings {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException(
          "Invalid --max-file-bytes " + maxFileBytes + ": expected a positive number");
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException(
          "Invalid --max-pixels " + maxPixels + ": expected a positive number");
    }
  }

  /** The defaults: 256 MiB, 100 megapixels, JPEGs decoded at reduced size when they can be. */
  public static DecodeSettings defaults() {
    return new DecodeSettings(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PIXELS, false);
  }
}
