package io.camaudit.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes images to PNG or JPEG bytes in memory, with ImageIO's deterministic writers. */
final class ImageEncoder {

  private ImageEncoder() {}

  /** Lossless PNG. */
  static byte[] png(BufferedImage image) throws IOException {
    return encode(image, "png", null);
  }

  /**
   * Baseline JPEG.
   *
   * @param quality compression quality in (0, 1], 1 the best
   */
  static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
    }
    return encode(image, "jpeg", quality);
  }

  private static byte[] encode(BufferedImage image, String format, Float quality)
      throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IOException("No ImageIO writer for format '" + format + "'");
    }
    ImageWriter writer = writers.next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (quality != null) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
