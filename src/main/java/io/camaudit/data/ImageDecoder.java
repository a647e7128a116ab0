package io.camaudit.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files with Java's Image I/O, refusing images whose header declares more pixels
 * than a limit before any pixel is decoded (a defence against decompression bombs). A decoder
 * warning about the image data, such as a premature end of data, is corruption: the image is
 * rejected rather than returned half grey. A warning about metadata or colour management (a CMYK
 * JPEG without an ICC profile, converted approximately; an unreadable thumbnail or Exif segment)
 * leaves the pixels whole: the image is returned with the warning.
 */
public final class ImageDecoder {

  /** Default pixel limit: 100 megapixels, about PIL's decompression-bomb error threshold. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  /**
   * Warnings about metadata or colour management, which leave the decoded pixels whole (wording
   * of the JDK's and TwelveMonkeys' JPEG readers).
   */
  private static final Pattern METADATA_WARNING =
      Pattern.compile("(?i)icc|colou?r profile|colou?r space|app14|exif|jfif|jfxx|thumbnail");

  /** Words that mark a warning about the image data itself, whatever else it mentions. */
  private static final Pattern DATA_WARNING = Pattern.compile("(?i)corrupt|premature");

  private final long maxPixels;

  /** A decoder that refuses images of more than {@code maxPixels} pixels. */
  public ImageDecoder(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("Invalid pixel limit (expected > 0): " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /**
   * Decodes the first image of {@code bytes}.
   *
   * @throws InputRejectedException when the bytes are empty, of no known format, declare too
   *     many pixels, or are corrupt or truncated
   */
  public DecodedImage decode(byte[] bytes) throws InputRejectedException {
    if (bytes.length == 0) {
      throw new InputRejectedException(RejectReason.EMPTY_FILE, "0 bytes");
    }
    try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw new InputRejectedException(
            RejectReason.UNSUPPORTED_FORMAT, "no image decoder recognises these " + bytes.length
                + " bytes");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        return read(reader);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new InputRejectedException(
          RejectReason.CORRUPT_IMAGE, "decoding failed: " + e.getMessage(), e);
    }
  }

  private DecodedImage read(ImageReader reader) throws IOException, InputRejectedException {
    long width = reader.getWidth(0);
    long height = reader.getHeight(0);
    if (width * height > maxPixels) {
      throw new InputRejectedException(
          RejectReason.TOO_MANY_PIXELS, String.format(
              "%s declares %dx%d = %d pixels, over the limit of %d", reader.getFormatName(),
              width, height, width * height, maxPixels));
    }
    WarningRecorder warnings = new WarningRecorder();
    reader.addIIOReadWarningListener(warnings);
    BufferedImage image = reader.read(0);
    if (warnings.corruption != null) {
      throw new InputRejectedException(
          RejectReason.CORRUPT_IMAGE, reader.getFormatName() + " decoder: " + warnings.corruption);
    }
    return new DecodedImage(
        image, warnings.metadata == null ? null : reader.getFormatName() + " decoder: "
            + warnings.metadata);
  }

  /** Whether a decoder's warning is about the image data rather than metadata or colours. */
  static boolean meansCorruption(String warning) {
    return DATA_WARNING.matcher(warning).find() || !METADATA_WARNING.matcher(warning).find();
  }

  /** Keeps the first warning of each kind a reader reports. */
  private static final class WarningRecorder implements IIOReadWarningListener {
    String corruption;
    String metadata;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      if (meansCorruption(warning)) {
        corruption = corruption == null ? warning : corruption;
      } else {
        metadata = metadata == null ? warning : metadata;
      }
    }
  }
}
