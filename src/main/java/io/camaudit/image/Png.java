package io.camaudit.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes pictures as PNG bytes in memory. */
public final class Png {

  private Png() {}

  /** The PNG bytes of {@code image}. */
  public static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed in memory", e);
    }
    return out.toByteArray();
  }
}
