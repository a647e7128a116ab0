package io.camaudit.data;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;

/** Image files that Java cannot make through {@code ImageIO.write} alone, for tests. */
public final class TestImages {

  private TestImages() {}

  /**
   * A baseline JPEG of four components with an Adobe APP14 segment (transform 0: CMYK, stored
   * inverted as Photoshop and PIL write it) and no ICC profile: flat cyan 0, magenta 200, yellow
   * 30, black 5 out of 255. TwelveMonkeys decodes it with a warning about the approximate colour
   * conversion.
   */
  public static byte[] cmykJpegWithoutProfile(int width, int height) throws IOException {
    int[] inverted = {255, 255 - 200, 255 - 30, 255 - 5};
    return withAdobeSegment(fourChannelJpeg(width, height, (x, y) -> inverted));
  }

  /** A four-channel JPEG without Adobe segment or profile, which the JDK's own reader refuses. */
  public static byte[] fourChannelJpeg(int width, int height) throws IOException {
    return fourChannelJpeg(width, height, (x, y) -> new int[] {x * 5, y * 6, 40, 10});
  }

  private interface Pixels {
    int[] at(int x, int y);
  }

  private static byte[] fourChannelJpeg(int width, int height, Pixels pixels) throws IOException {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, pixels.at(x, y));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** {@code jpeg} with an Adobe APP14 segment (version 100, transform 0) after its SOI marker. */
  private static byte[] withAdobeSegment(byte[] jpeg) {
    byte[] app14 = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
    };
    byte[] result = new byte[jpeg.length + app14.length];
    System.arraycopy(jpeg, 0, result, 0, 2);
    System.arraycopy(app14, 0, result, 2, app14.length);
    System.arraycopy(jpeg, 2, result, 2 + app14.length, jpeg.length - 2);
    return result;
  }
}
