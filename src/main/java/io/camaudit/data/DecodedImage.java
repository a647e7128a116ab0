package io.camaudit.data;

import java.awt.image.BufferedImage;

/**
 * A decoded image and what the decoder said about it.
 *
 * @param pixels the decoded pixels
 * @param warning a decoder warning that did not make the image unusable (an approximate colour
 *     conversion, an ignored metadata segment), or {@code null}
 */
public record DecodedImage(BufferedImage pixels, String warning) {

  /** An image without warnings (pixels a data source decoded). */
  public static DecodedImage of(BufferedImage pixels) {
    return new DecodedImage(pixels, null);
  }
}
