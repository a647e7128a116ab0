package io.camaudit.data;

import java.awt.image.BufferedImage;

/**
 * A decoded image, possibly at reduced size, and what the decoder said about it.
 *
 * @param pixels the decoded pixels: the whole image, at its size or reduced ({@link ImageDecoder})
 * @param width the image's width as stored, pixels: the coordinates of its boxes
 * @param height the image's height as stored, pixels
 * @param warning a decoder warning that did not make the image unusable (an approximate colour
 *     conversion, an ignored metadata segment), or {@code null}
 */
public record DecodedImage(BufferedImage pixels, int width, int height, String warning) {

  /** An image at its own size without warnings (pixels a data source decoded). */
  public static DecodedImage of(BufferedImage pixels) {
    return new DecodedImage(pixels, pixels.getWidth(), pixels.getHeight(), null);
  }
}
