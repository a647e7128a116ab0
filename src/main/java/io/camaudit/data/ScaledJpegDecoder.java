package io.camaudit.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes a JPEG at 1/2, 1/4 or 1/8 of its size with libjpeg-turbo's DCT scaling (the IDCT produces
 * the smaller image directly, as PIL's {@code draft} mode does), through OpenCV's {@code imdecode}
 * with {@code IMREAD_REDUCED_COLOR_n}, as packed RGB; EXIF orientation is ignored, as Image I/O
 * ignores it, so pixels keep the coordinates of annotations. The natives come in {@code
 * org.openpnp:opencv} and are loaded on first use; where they cannot be loaded (a platform the jar
 * has none for) {@link io.camaudit.image.OpenCv#available} is false and images are decoded at full
 * size.
 */
final class ScaledJpegDecoder {

  private ScaledJpegDecoder() {}

  /**
   * The image decoded at {@code 1 / denominator} of its size (2, 4 or 8) as packed RGB, or {@code
   * null} when libjpeg cannot decode it.
   */
  static BufferedImage decode(byte[] bytes, int denominator) {
    int flags =
        Imgcodecs.IMREAD_IGNORE_ORIENTATION
            | switch (denominator) {
              case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
              case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
              case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
              default -> throw new IllegalArgumentException("Invalid DCT scale 1/" + denominator);
            };
    MatOfByte encoded = new MatOfByte(bytes);
    Mat bgr = Imgcodecs.imdecode(encoded, flags);
    try {
      if (bgr.empty() || bgr.channels() != 3) {
        return null;
      }
      int width = bgr.cols();
      int height = bgr.rows();
      byte[] samples = new byte[width * height * 3];
      bgr.get(0, 0, samples);
      BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
      for (int i = 0, s = 0; i < pixels.length; i++, s += 3) {
        pixels[i] =
            ((samples[s + 2] & 0xff) << 16) | ((samples[s + 1] & 0xff) << 8) | (samples[s] & 0xff);
      }
      return rgb;
    } finally {
      bgr.release();
      encoded.release();
    }
  }
}
