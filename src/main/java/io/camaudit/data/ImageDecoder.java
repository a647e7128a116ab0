package io.camaudit.data;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.camaudit.image.OpenCv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files, refusing images whose header declares more pixels than a limit before any
 * pixel is decoded (a defence against decompression bombs).
 *
 * <p>A JPEG much larger than what follows needs (a 12-megapixel photograph for a 224×224 model) is
 * decoded at 1/2, 1/4 or 1/8 of its size by libjpeg-turbo's DCT scaling ({@link
 * ScaledJpegDecoder}), the largest reduction that still leaves the image at least as large as the
 * preprocessing needs, unless the settings ask for exact decoding. Everything else goes through
 * Java's Image I/O with TwelveMonkeys' JPEG reader (CMYK, YCCK, lossless JPEGs), whose full-size
 * decoding was as fast as libjpeg-turbo's here (docs/benchmarks.md).
 *
 * <p>Corruption rejects the image rather than returning it half grey: a JPEG whose data ends before
 * its end-of-image marker (checked from the bytes before decoding), and an Image I/O warning about
 * the image data, such as a premature end of data. A warning about metadata or colour management (a
 * CMYK JPEG without an ICC profile, converted approximately; an unreadable thumbnail or Exif
 * segment) leaves the pixels whole: the image is returned with the warning. DCT-scaled decoding
 * does not report warnings about damaged entropy-coded data inside an otherwise complete file
 * (flipped bits); exact decoding does.
 */
public final class ImageDecoder {

  /**
   * Warnings about metadata or colour management, which leave the decoded pixels whole (wording of
   * the JDK's and TwelveMonkeys' JPEG readers).
   */
  private static final Pattern METADATA_WARNING =
      Pattern.compile("(?i)icc|colou?r profile|colou?r space|app14|exif|jfif|jfxx|thumbnail");

  /** Words that mark a warning about the image data itself, whatever else it mentions. */
  private static final Pattern DATA_WARNING = Pattern.compile("(?i)corrupt|premature");

  /** DCT scaling denominators libjpeg offers, largest reduction first. */
  private static final int[] DENOMINATORS = {8, 4, 2};

  private final DecodeSettings settings;

  /** A decoder with these limits and mode. */
  public ImageDecoder(DecodeSettings settings) {
    this.settings = settings;
  }

  /**
   * Decodes the first image of {@code bytes} at full size.
   *
   * @throws InputRejectedException when the bytes are empty, of no known format, declare too many
   *     pixels, or are corrupt or truncated
   */
  public DecodedImage decode(byte[] bytes) throws InputRejectedException {
    return decode(bytes, null);
  }

  /**
   * Decodes the first image of {@code bytes} for {@code target}: a large JPEG at the smallest DCT
   * scale that {@link Preprocessing#suffices suffices} for it, unless decoding is exact.
   *
   * @param target the preprocessing that follows, or {@code null} for full size
   * @throws InputRejectedException when the bytes are empty, of no known format, declare too many
   *     pixels, or are corrupt or truncated
   */
  public DecodedImage decode(byte[] bytes, Preprocessing target) throws InputRejectedException {
    if (bytes.length == 0) {
      throw new InputRejectedException(RejectReason.EMPTY_FILE, "0 bytes");
    }
    JpegStructure jpeg = JpegStructure.read(bytes);
    if (jpeg != null) {
      checkPixels("JPEG", jpeg.width(), jpeg.height());
      if (!jpeg.complete()) {
        throw new InputRejectedException(
            RejectReason.CORRUPT_IMAGE,
            "JPEG data ends without an end-of-image marker: the file is truncated ("
                + bytes.length
                + " bytes)");
      }
      int denominator = denominator(jpeg, target);
      if (denominator > 1 && OpenCv.available()) {
        BufferedImage scaled = ScaledJpegDecoder.decode(bytes, denominator);
        if (scaled != null) {
          return new DecodedImage(scaled, jpeg.width(), jpeg.height(), null);
        }
      }
    }
    return decodeWithImageIo(bytes);
  }

  /** The largest DCT reduction after which the image still suffices for {@code target}. */
  private int denominator(JpegStructure jpeg, Preprocessing target) {
    if (settings.exact() || target == null || !jpeg.scalable()) {
      return 1;
    }
    for (int d : DENOMINATORS) {
      if (target.suffices(ceilDiv(jpeg.width(), d), ceilDiv(jpeg.height(), d))) {
        return d;
      }
    }
    return 1;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private DecodedImage decodeWithImageIo(byte[] bytes) throws InputRejectedException {
    try (ImageInputStream stream = new ByteArrayImageInputStream(bytes)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        throw new InputRejectedException(
            RejectReason.UNSUPPORTED_FORMAT,
            "no image decoder recognises these " + bytes.length + " bytes");
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
    checkPixels(reader.getFormatName(), reader.getWidth(0), reader.getHeight(0));
    WarningRecorder warnings = new WarningRecorder();
    reader.addIIOReadWarningListener(warnings);
    BufferedImage image = reader.read(0);
    if (warnings.corruption != null) {
      throw new InputRejectedException(
          RejectReason.CORRUPT_IMAGE, reader.getFormatName() + " decoder: " + warnings.corruption);
    }
    return new DecodedImage(
        image,
        image.getWidth(),
        image.getHeight(),
        warnings.metadata == null
            ? null
            : reader.getFormatName() + " decoder: " + warnings.metadata);
  }

  private void checkPixels(String format, long width, long height) throws InputRejectedException {
    if (width * height > settings.maxPixels()) {
      throw new InputRejectedException(
          RejectReason.TOO_MANY_PIXELS,
          String.format(
              "%s declares %dx%d = %d pixels, over the limit of %d",
              format, width, height, width * height, settings.maxPixels()));
    }
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
