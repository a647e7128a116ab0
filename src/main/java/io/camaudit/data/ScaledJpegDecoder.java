package io.camaudit.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes a JPEG at 1/2, 1/4 or 1/8 of its size with libjpeg-turbo's DCT scaling (the IDCT produces
 * the smaller image directly, as PIL's {@code draft} mode does), through OpenCV's {@code imdecode}
 * with {@code IMREAD_REDUCED_COLOR_n}, as interleaved BGR bytes (OpenCV's order, which is {@code
 * TYPE_3BYTE_BGR}'s); EXIF orientation is ignored, as Image I/O ignores it, so pixels keep the
 * coordinates of annotations. The natives come in {@code org.openpnp:opencv} and are loaded on
 * first use; where they cannot be loaded (a platform the jar has none for) {@link
 * io.camaudit.image.OpenCv#available} is false and images are decoded at full size.
 */
final class ScaledJpegDecoder {

  private ScaledJpegDecoder() {}

  /**
   * The image decoded at {@code 1 / denominator} of its size (2, 4 or 8) as {@code TYPE_3BYTE_BGR},
   * or {@code null} when libjpeg cannot decode it.
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
      BufferedImage image = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
      bgr.get(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
      return image;
    } finally {
      bgr.release();
      encoded.release();
    }
  }
}
